"""The welcome and induction pack for new link workers in primary care networks.

Plain data: sections of steps, each step with its StreamField body as raw blocks
({"type": ..., "value": ...}). Published by `publish.seed_learning_content`.
Facts come from NHS England's public description of the social prescribing programme.
"""

INDUCTION_PACK = {
    "title": "Your induction",
    "slug": "induction",
    "intro": (
        "<p>Welcome to your new role as a social prescribing link worker. This induction "
        "takes you through what you need to know and do in your first weeks.</p>"
        "<ul>"
        "<li>Read each step and mark it as done when you have finished.</li>"
        "<li>Some steps are tasks you do away from the screen, such as meeting your "
        "clinical supervisor. Your learning coordinator signs these off.</li>"
        "<li>Reflection steps ask you to write a few lines. Each one says who reads what you "
        "write before you start: some are read by your region's learning coordinators, and "
        "on the others you choose whether to share your reflection or keep it to yourself."
        "</li>"
        "</ul>"
        "<p>You do not have to do the steps in order, but most people find it helps.</p>"
    ),
    "sections": [
        # ------------------------------------------------------------------
        {
            "title": "Social prescribing and your role",
            "slug": "social-prescribing-and-your-role",
            "summary": (
                "What social prescribing is, who it helps and where you fit in your "
                "primary care network."
            ),
            "steps": [
                {
                    "title": "What social prescribing is",
                    "slug": "what-social-prescribing-is",
                    "kind": "read",
                    "summary": (
                        "How social prescribing works, the six elements of the model and how it "
                        "differs from active signposting."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Social prescribing lets people from many local services "
                                "refer someone to you, a link worker. You give that person time. "
                                "Together you look at their whole life, not only their health, "
                                "and work out what would make a difference to them.</p>"
                                "<p>You then help them connect to community groups and statutory "
                                "services that offer practical and emotional support. That might "
                                "be a walking group, a debt advice service, a carers' group or "
                                "help with housing.</p>"
                                "<p>Social prescribing is part of Universal Personalised Care, the "
                                "NHS's plan to give people more choice and control over their "
                                "care, based on what matters to them.</p>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>The idea at the heart of your role: ask people "
                                    "<b>what matters to you?</b> as well as "
                                    "<b>what is the matter with you?</b></p>"
                                )
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": (
                                "<h2>The social prescribing model</h2>"
                                "<p>NHS England worked with partners to agree a standard model. "
                                "It has six elements that need to be in place for social "
                                "prescribing to work well:</p>"
                                "<ol>"
                                "<li><b>Partnership working</b>: local organisations plan, "
                                "commission and deliver social prescribing together.</li>"
                                "<li><b>Easy referral</b>: people can reach a link worker from "
                                "many places, and can refer themselves.</li>"
                                "<li><b>Workforce development</b>: link workers are trained, "
                                "supervised and supported.</li>"
                                "<li><b>A common outcomes framework</b>: everyone measures the "
                                "difference social prescribing makes in the same way.</li>"
                                "<li><b>What matters to me</b>: support is built around the "
                                "person's own priorities.</li>"
                                "<li><b>Support for community groups</b>: the groups people are "
                                "connected to are helped to stay open, welcoming and funded.</li>"
                                "</ol>"
                                "<h2>Social prescribing is not active signposting</h2>"
                                "<p>Active signposting is a light-touch approach. Staff such as "
                                "receptionists use local knowledge and directories to point "
                                "people to a service. It works for people who are confident "
                                "enough to find their own way after a short conversation.</p>"
                                "<p>Social prescribing is for people who need more than that. "
                                "You spend time with them, often over several meetings, and help "
                                "them take the first steps.</p>"
                            ),
                        },
                        {
                            "type": "details",
                            "value": {
                                "title": "Why the NHS invested in link workers",
                                "body": [
                                    {
                                        "type": "richtext",
                                        "value": (
                                            "<p>There is emerging evidence that social "
                                            "prescribing can improve people's quality of life "
                                            "and emotional wellbeing. It may also reduce how "
                                            "often people use NHS services, including visits to "
                                            "their GP. Around 6 in 10 GPs (59%) think social "
                                            "prescribing can help reduce their workload.</p>"
                                            "<p>More robust evidence is still needed. The "
                                            "outcomes you record help to build it.</p>"
                                        ),
                                    }
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": "Who social prescribing helps",
                    "slug": "who-social-prescribing-helps",
                    "kind": "read",
                    "summary": (
                        "The groups of people who benefit most from social prescribing, and what "
                        "their needs can look like in practice."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Social prescribing works for a wide range of people. You are "
                                "likely to support people who:</p>"
                                "<ul>"
                                "<li>live with one or more long-term conditions</li>"
                                "<li>need support with their mental health</li>"
                                "<li>are lonely or isolated</li>"
                                "<li>have complex social needs that affect their wellbeing</li>"
                                "</ul>"
                                "<p>Many people you meet will fit more than one of these. "
                                "Someone with diabetes may also be caring for a partner, have "
                                "lost touch with friends and be worried about money. Your job is "
                                "to see the whole picture.</p>"
                                "<h2>What people's needs can look like</h2>"
                                "<p>People rarely arrive saying they are lonely. They may come "
                                "to the surgery often with symptoms that have no clear medical "
                                "cause, or say they 'just feel low'. Listen for what sits "
                                "underneath, such as:</p>"
                                "<ul>"
                                "<li>a recent bereavement or a change in family life</li>"
                                "<li>losing a job, or struggling with benefits or debt</li>"
                                "<li>housing that is cold, damp or insecure</li>"
                                "<li>caring for someone with little support</li>"
                                "<li>a long-term condition that has made it hard to get out</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>Social prescribing supports the person's family and "
                                    "carers too. A carer may need a referral in their own "
                                    "right.</p>"
                                )
                            },
                        },
                        {
                            "type": "expander",
                            "value": {
                                "title": "When social prescribing may not be the right first step",
                                "body": [
                                    {
                                        "type": "richtext",
                                        "value": (
                                            "<p>Some people need a different service first, for "
                                            "example urgent mental health care or a specialist "
                                            "safeguarding response. Social prescribing sits "
                                            "alongside medical treatment; it does not replace "
                                            "it.</p>"
                                            "<p>If you are unsure whether a referral is right, "
                                            "talk it through with your clinical supervisor.</p>"
                                        ),
                                    }
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": "Your place in the primary care network",
                    "slug": "your-place-in-the-primary-care-network",
                    "kind": "read",
                    "summary": (
                        "How link worker roles are funded, who you work with in your primary "
                        "care network, and the national ambitions behind your post."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>You are part of the multi-disciplinary team in your primary "
                                "care network (PCN). A PCN is a group of GP practices that work "
                                "together, with other local services, to care for their "
                                "patients.</p>"
                                "<p>Link workers were one of five additional roles in the five "
                                "year framework for GP contract reform. PCNs could claim back "
                                "100% of a link worker's salary costs. The money became "
                                "available from 1 July 2019, when the reformed GP contract "
                                "began.</p>"
                                "<p>This was the biggest investment in social prescribing by any "
                                "national health system. It puts community support alongside "
                                "medical treatment as a proper part of personalised care.</p>"
                                "<h2>The national ambition</h2>"
                            ),
                        },
                        {
                            "type": "table",
                            "value": {
                                "caption": "Commitments in the NHS Long Term Plan",
                                "caption_size": "s",
                                "head": [{"text": "Commitment"}, {"text": "By"}],
                                "rows": [
                                    {
                                        "cells": [
                                            {"text": "1,000 new social prescribing link workers"},
                                            {"text": "2020/21"},
                                        ]
                                    },
                                    {
                                        "cells": [
                                            {
                                                "text": "At least 900,000 people referred to "
                                                "social prescribing"
                                            },
                                            {"text": "2023/24"},
                                        ]
                                    },
                                    {
                                        "cells": [
                                            {
                                                "text": "At least 2.5 million people benefiting "
                                                "from personalised care"
                                            },
                                            {"text": "2023/24"},
                                        ]
                                    },
                                ],
                                "responsive": False,
                                "first_cell_is_header": False,
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": (
                                "<h2>Who you will work with</h2>"
                                "<ul>"
                                "<li>GPs, practice nurses and other clinicians in your "
                                "practices</li>"
                                "<li>the other additional roles in your PCN</li>"
                                "<li>your clinical supervisor, who meets you regularly</li>"
                                "<li>receptionists and care navigators, who often spot people "
                                "who could benefit</li>"
                                "<li>local voluntary, community and social enterprise (VCSE) "
                                "organisations</li>"
                                "<li>your CCG's social prescribing lead and your regional "
                                "learning coordinator</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "do_list",
                            "value": {
                                "heading_level": 2,
                                "label": "In your first weeks, do",
                                "do": [
                                    "<p>introduce yourself at each practice's team meeting</p>",
                                    "<p>ask how clinicians would like to refer to you</p>",
                                    "<p>find out where you will see people, including rooms "
                                    "outside the surgery</p>",
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": "Shadow an experienced link worker",
                    "slug": "shadow-an-experienced-link-worker",
                    "kind": "offline",
                    "needs_sign_off": True,
                    "summary": (
                        "Spend at least half a day with an experienced link worker to see how "
                        "they run conversations, follow up and work with local groups."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Seeing the role in action is one of the quickest ways to "
                                "learn it. Arrange to spend time with a link worker who has been "
                                "in post for a while. They may work in your PCN, a neighbouring "
                                "one or a long-standing local scheme. Your learning coordinator "
                                "can help you find someone.</p>"
                                "<h2>What to do</h2>"
                                "<ol>"
                                "<li>Agree a time with the link worker and your line "
                                "manager.</li>"
                                "<li>Ask the link worker to check that the people they are "
                                "seeing are happy for you to sit in.</li>"
                                "<li>Observe at least one first conversation and one follow-up, "
                                "if you can.</li>"
                                "<li>Ask how they keep their knowledge of local services up to "
                                "date and how they record their work.</li>"
                                "</ol>"
                                "<h2>Questions you could ask</h2>"
                                "<ul>"
                                "<li>How do you open a first conversation?</li>"
                                "<li>How many times do you usually see someone?</li>"
                                "<li>What do you do when there is no suitable group nearby?</li>"
                                "<li>How do you end your support with someone?</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>When you have done this, mark it as done. Your learning "
                                    "coordinator will confirm it with you before signing it "
                                    "off.</p>"
                                )
                            },
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Referrals and 'what matters to me' conversations",
            "slug": "referrals-and-conversations",
            "summary": (
                "How people reach you, and how to hold a conversation that starts from what "
                "matters to the person."
            ),
            "steps": [
                {
                    "title": "Referral routes and easy referral",
                    "slug": "referral-routes-and-easy-referral",
                    "kind": "read",
                    "summary": (
                        "The many local services that can refer people to you, why self-referral "
                        "matters, and what makes a referral route easy to use."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>When social prescribing works well, people can be referred "
                                "to you easily from a wide range of places. Referrals can come "
                                "from:</p>"
                                "<ul>"
                                "<li>general practice</li>"
                                "<li>pharmacies</li>"
                                "<li>multi-disciplinary teams</li>"
                                "<li>hospital discharge teams</li>"
                                "<li>allied health professionals, such as physiotherapists and "
                                "occupational therapists</li>"
                                "<li>the fire service and the police</li>"
                                "<li>job centres</li>"
                                "<li>social care services</li>"
                                "<li>housing associations</li>"
                                "<li>voluntary, community and social enterprise (VCSE) "
                                "organisations</li>"
                                "</ul>"
                                "<p>People can also refer themselves, and this should be "
                                "encouraged. Some people will never mention loneliness or money "
                                "worries to a doctor, but will pick up a leaflet or hear about "
                                "you from a friend.</p>"
                                "<h2>What makes referral easy</h2>"
                                "<ul>"
                                "<li>a short, simple referral form or process that referrers "
                                "know about</li>"
                                "<li>clear information about who you can help</li>"
                                "<li>a quick reply, so referrers keep using the service</li>"
                                "<li>a way for people to refer themselves in person, by phone or "
                                "online</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "do_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "do": [
                                    "<p>find out how referrals reach you and how quickly you "
                                    "are expected to make contact</p>",
                                    "<p>tell referrers what happened, with the person's "
                                    "agreement</p>",
                                    "<p>make sure the person knows why they were referred and "
                                    "agrees to see you</p>",
                                ],
                            },
                        },
                        {
                            "type": "dont_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "dont": [
                                    "<p>do not turn someone away only because they referred "
                                    "themselves</p>",
                                    "<p>do not accept a referral the person has not agreed to</p>",
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": "Having a 'what matters to me' conversation",
                    "slug": "what-matters-to-me-conversations",
                    "kind": "read",
                    "summary": (
                        "How to plan and hold a first conversation that starts from the person's "
                        "own priorities and ends with a plan they own."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Your first meeting with someone sets the tone for everything "
                                "that follows. The aim is not to assess them against a list. It "
                                "is to understand their life and what they want to change.</p>"
                                "<h2>Before you meet</h2>"
                                "<ul>"
                                "<li>Read the referral, but keep an open mind.</li>"
                                "<li>Offer a place that suits the person. That could be the "
                                "surgery, a community venue, their home or a phone call.</li>"
                                "<li>Allow plenty of time. Giving people time is at the heart "
                                "of the role, so do not rush a first meeting.</li>"
                                "</ul>"
                                "<h2>During the conversation</h2>"
                                "<ul>"
                                "<li>Explain who you are, what you can and cannot do, and how "
                                "you will use their information.</li>"
                                "<li>Ask open questions: <i>What is important to you at the "
                                "moment? What would a good week look like?</i></li>"
                                "<li>Listen more than you talk. Notice strengths as well as "
                                "problems.</li>"
                                "<li>Agree one or two small first steps rather than a long "
                                "list.</li>"
                                "</ul>"
                                "<h2>After the conversation</h2>"
                                "<p>Write down the plan in the person's own words and agree when "
                                "you will next be in touch. Some people are ready to go to a "
                                "group on their own. Others need you to go with them the first "
                                "time.</p>"
                            ),
                        },
                        {
                            "type": "do_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "do": [
                                    "<p>let the person lead; it is their plan</p>",
                                    "<p>check what they already do and who already helps them</p>",
                                    "<p>be honest about waiting lists and what a service "
                                    "offers</p>",
                                ],
                            },
                        },
                        {
                            "type": "dont_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "dont": [
                                    "<p>do not fill silences too quickly; people often share "
                                    "what matters most after a pause</p>",
                                    "<p>do not decide the answer before you have heard the "
                                    "person</p>",
                                ],
                            },
                        },
                    ],
                },
                {
                    "title": "Reflect on a 'what matters to me' conversation",
                    "slug": "reflect-on-a-conversation",
                    "kind": "reflection",
                    "summary": (
                        "Think back on one conversation you had or watched, and write what you "
                        "noticed and what you would do differently."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Choose one 'what matters to me' conversation from your first "
                                "weeks. It can be one you led or one you watched while "
                                "shadowing. Do not include anything that could identify the "
                                "person.</p>"
                                "<h2>Prompts to help you</h2>"
                                "<ul>"
                                "<li>What did the person say mattered most to them? Was it what "
                                "you expected from the referral?</li>"
                                "<li>At what point did the conversation open up? What helped "
                                "that happen?</li>"
                                "<li>Was there a moment when you wanted to offer a solution "
                                "too soon?</li>"
                                "<li>What strengths or support did the person already have?</li>"
                                "<li>What would you do differently next time?</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>You choose whether your learning coordinators can read "
                                    "this reflection. You may want to bring it to your next "
                                    "supervision session.</p>"
                                )
                            },
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Working with your community",
            "slug": "working-with-your-community",
            "summary": (
                "Getting to know the community groups and VCSE organisations you will connect "
                "people to, and how you can support them."
            ),
            "steps": [
                {
                    "title": "Working with community groups and the VCSE sector",
                    "slug": "community-groups-and-the-vcse-sector",
                    "kind": "read",
                    "summary": (
                        "Why your relationships with local groups matter, and how you help them "
                        "stay accessible and sustainable and help new groups to start."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Social prescribing only works if there is something good to "
                                "connect people to. Much of that support comes from the "
                                "voluntary, community and social enterprise (VCSE) sector: "
                                "charities, faith groups, clubs, social enterprises and small "
                                "groups run by volunteers.</p>"
                                "<h2>Your part in supporting groups</h2>"
                                "<p>Link workers do more than refer people on. You also:</p>"
                                "<ul>"
                                "<li>help existing groups to be accessible, for example by "
                                "passing on what stops people from attending</li>"
                                "<li>help groups to be sustainable, by telling funders and "
                                "commissioners about the demand you see</li>"
                                "<li>help people to start new groups where there is a gap</li>"
                                "<li>work with all local partners rather than on your own</li>"
                                "</ul>"
                                "<h2>Keeping up to date</h2>"
                                "<p>Groups open, close and change. Keep your own notes on what "
                                "each group offers, who runs it, when it meets and whether it is "
                                "easy to reach. Use any local directory your area already has, "
                                "and tell its owners when something changes.</p>"
                            ),
                        },
                        {
                            "type": "warning_callout",
                            "value": {
                                "title": "Think about capacity",
                                "heading_level": 2,
                                "body": (
                                    "<p>Small groups can be overwhelmed if many people are "
                                    "referred at once. Talk to a group before you send people, "
                                    "and tell your PCN when demand outstrips what local groups "
                                    "can offer.</p>"
                                ),
                            },
                        },
                    ],
                },
                {
                    "title": "Visit a local voluntary or community group",
                    "slug": "visit-a-local-group",
                    "kind": "offline",
                    "needs_sign_off": True,
                    "summary": (
                        "Visit a group you are likely to refer people to. Meet the people who "
                        "run it and find out what a first visit is like."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Before you refer someone to a group, it helps to have been "
                                "there yourself. You can describe it honestly, answer questions "
                                "and spot anything that might put people off.</p>"
                                "<h2>What to do</h2>"
                                "<ol>"
                                "<li>Choose a group or VCSE organisation in your PCN area. "
                                "Contact the organiser and ask if you can visit.</li>"
                                "<li>Go along to a session. Introduce yourself and explain "
                                "your role.</li>"
                                "<li>Note what you find out, using the questions below.</li>"
                                "<li>Agree how the group would like you to refer people and "
                                "how they can contact you.</li>"
                                "</ol>"
                            ),
                        },
                        {
                            "type": "details",
                            "value": {
                                "title": "Questions to ask the group",
                                "body": [
                                    {
                                        "type": "richtext",
                                        "value": (
                                            "<ul>"
                                            "<li>Who is the group for, and who comes now?</li>"
                                            "<li>Is the venue easy to reach by public transport "
                                            "and accessible to wheelchair users?</li>"
                                            "<li>Is there a cost?</li>"
                                            "<li>Can someone come with a new member on their "
                                            "first visit?</li>"
                                            "<li>How many new people can the group welcome each "
                                            "month?</li>"
                                            "<li>What support would help the group, such as "
                                            "volunteers, a venue or funding?</li>"
                                            "</ul>"
                                        ),
                                    }
                                ],
                            },
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>Your learning coordinator signs this step off. Be ready "
                                    "to tell them which group you visited and one thing you "
                                    "learned.</p>"
                                )
                            },
                        },
                    ],
                },
                {
                    "title": "Map the support near you",
                    "slug": "map-the-support-near-you",
                    "kind": "offline",
                    "required": False,
                    "summary": (
                        "Start your own list of the groups and services people in your PCN can "
                        "use, and note where the gaps are."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>This optional task gives you a head start. Spend an hour or "
                                "two listing the support available in your area. Start with any "
                                "local directory, then add what colleagues and the people you "
                                "meet tell you about.</p>"
                                "<h2>Headings you could use</h2>"
                                "<ul>"
                                "<li>being active and getting outdoors</li>"
                                "<li>meeting people and making friends</li>"
                                "<li>money, benefits and debt</li>"
                                "<li>housing</li>"
                                "<li>work, volunteering and learning</li>"
                                "<li>support for carers</li>"
                                "<li>mental health and emotional support</li>"
                                "</ul>"
                                "<p>Note the gaps as well. If people keep asking for something "
                                "that does not exist, tell your PCN and VCSE partners. It could "
                                "be the start of a new group.</p>"
                            ),
                        }
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Safeguarding, supervision and wellbeing",
            "slug": "safeguarding-supervision-and-wellbeing",
            "summary": (
                "Keeping people safe, getting the supervision you are entitled to and looking "
                "after yourself in a demanding role."
            ),
            "steps": [
                {
                    "title": "Safeguarding: what to do if you are worried",
                    "slug": "safeguarding",
                    "kind": "read",
                    "summary": (
                        "Your responsibilities when you think someone is at risk of harm, and "
                        "who to go to in your PCN."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>You will spend time with people in their homes and in the "
                                "community, and they may tell you things they have not told "
                                "anyone else. Safeguarding is everyone's responsibility, and "
                                "that includes you.</p>"
                                "<h2>In your first weeks</h2>"
                                "<ul>"
                                "<li>Find out who the safeguarding lead is for each practice "
                                "in your PCN and how to contact them.</li>"
                                "<li>Read your employer's safeguarding policy for adults and "
                                "children.</li>"
                                "<li>Complete the safeguarding training your employer asks "
                                "of you.</li>"
                                "<li>Ask how safeguarding concerns are recorded in the clinical "
                                "system you use.</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "care_card",
                            "value": {
                                "type": "immediate",
                                "heading_level": 2,
                                "title": "If someone is in immediate danger",
                                "body": [
                                    {
                                        "type": "richtext",
                                        "value": (
                                            "<p>Call 999. Then tell your practice's "
                                            "safeguarding lead as soon as you can.</p>"
                                        ),
                                    }
                                ],
                            },
                        },
                        {
                            "type": "warning_callout",
                            "value": {
                                "title": "Never promise to keep a secret",
                                "heading_level": 2,
                                "body": (
                                    "<p>If someone tells you something that suggests they or "
                                    "someone else is at risk, you may have to share it. Explain "
                                    "this kindly at the start of your work with them, and again "
                                    "if it comes up.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": (
                                "<h2>If you are worried but there is no immediate danger</h2>"
                                "<ol>"
                                "<li>Listen, and stay calm. Do not question the person in "
                                "detail.</li>"
                                "<li>Tell them what you will do next and who you will tell.</li>"
                                "<li>Speak to the safeguarding lead the same day.</li>"
                                "<li>Write down what was said, in the person's words, with the "
                                "date and time.</li>"
                                "<li>Talk it through at your next supervision. These "
                                "conversations can stay with you.</li>"
                                "</ol>"
                            ),
                        },
                    ],
                },
                {
                    "title": "Meet your clinical supervisor",
                    "slug": "meet-your-clinical-supervisor",
                    "kind": "offline",
                    "needs_sign_off": True,
                    "summary": (
                        "Have your first meeting with the GP or other clinician who supervises "
                        "you, and agree how and when you will meet."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Every link worker should have a named clinical supervisor, "
                                "usually a GP in your PCN. Supervision gives you a regular, "
                                "protected time to talk about the people you are supporting, "
                                "get advice on risk and check that referrals are right.</p>"
                                "<h2>What to agree at your first meeting</h2>"
                                "<ul>"
                                "<li>how often you will meet, and for how long</li>"
                                "<li>how to reach your supervisor between meetings if you are "
                                "worried about someone</li>"
                                "<li>who covers when your supervisor is away</li>"
                                "<li>what you will bring to each session, such as cases you "
                                "want to discuss</li>"
                                "</ul>"
                                "<p>Your line manager may be a different person from your "
                                "clinical supervisor. Make sure you know who does what.</p>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>After the meeting, mark this step as done. Your learning "
                                    "coordinator will sign it off once they have checked you "
                                    "have a supervisor and a first date in the diary.</p>"
                                )
                            },
                        },
                    ],
                },
                {
                    "title": "Look after your own wellbeing",
                    "slug": "look-after-your-wellbeing",
                    "kind": "read",
                    "summary": (
                        "The role can be emotionally demanding. Know the signs of strain and "
                        "where to get support before you need it."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>You will hear about loneliness, loss, money worries and "
                                "poor health every day. It is normal for some of this to stay "
                                "with you. Looking after yourself is part of doing the job "
                                "well.</p>"
                                "<h2>Support you can use</h2>"
                                "<ul>"
                                "<li>clinical supervision, for the people you support</li>"
                                "<li>your line manager, for your workload and working "
                                "conditions</li>"
                                "<li>other link workers, through your regional peer forum and "
                                "learning events</li>"
                                "<li>any staff wellbeing services your employer offers</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "do_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "do": [
                                    "<p>agree a caseload you can manage, and say when it is "
                                    "too much</p>",
                                    "<p>take your breaks and finish on time when you can</p>",
                                    "<p>talk to someone after a difficult conversation</p>",
                                ],
                            },
                        },
                        {
                            "type": "dont_list",
                            "value": {
                                "heading_level": 2,
                                "label": "",
                                "dont": [
                                    "<p>do not give people your personal phone number or "
                                    "contact them from personal social media</p>",
                                    "<p>do not try to solve every problem yourself; your role is "
                                    "to connect people</p>",
                                ],
                            },
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Recording outcomes and your learning",
            "slug": "recording-outcomes-and-your-learning",
            "summary": (
                "Recording your work so it counts, the learning and support open to you, and a "
                "look back at your first weeks."
            ),
            "steps": [
                {
                    "title": "Recording outcomes",
                    "slug": "recording-outcomes",
                    "kind": "read",
                    "summary": (
                        "What to record about each person you support, and how it feeds the "
                        "Common Outcomes Framework and the national evidence base."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Good records help the person, your colleagues and the wider "
                                "NHS. They show the difference social prescribing makes and "
                                "help build a consistent evidence base.</p>"
                                "<h2>What to record for each person</h2>"
                                "<ul>"
                                "<li>the referral: who referred them, when, and why</li>"
                                "<li>what matters to them, in their words</li>"
                                "<li>the plan you agreed and the groups or services you "
                                "connected them to</li>"
                                "<li>how they are doing at the start and as you go, using the "
                                "wellbeing measure your scheme has agreed</li>"
                                "<li>when and why your support ended</li>"
                                "</ul>"
                                "<h2>The Common Outcomes Framework</h2>"
                                "<p>The Summary Guide sets out a Common Outcomes Framework. It "
                                "looks at the impact of social prescribing on three groups: the "
                                "person, the local system and community groups. What you record "
                                "is how your PCN shows its impact on all three.</p>"
                            ),
                        },
                        {
                            "type": "expander",
                            "value": {
                                "title": "Recording in the clinical system",
                                "body": [
                                    {
                                        "type": "richtext",
                                        "value": (
                                            "<p>Ask your PCN how link worker activity is "
                                            "recorded in the GP clinical system, and which codes "
                                            "to use for a referral and for your support. Using "
                                            "the same codes as everyone else means your work is "
                                            "counted.</p>"
                                        ),
                                    }
                                ],
                            },
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>Record facts and the person's own words. Only record "
                                    "what you need, and tell people what you write down and "
                                    "why.</p>"
                                )
                            },
                        },
                    ],
                },
                {
                    "title": "Learning and support from the network",
                    "slug": "learning-and-support",
                    "kind": "read",
                    "required": False,
                    "summary": (
                        "The webinars, accredited training, peer forums and regional learning "
                        "coordinators that are there to support you."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>You are not learning this role on your own. NHS England set "
                                "up a suite of support for link workers in PCNs:</p>"
                                "<ul>"
                                "<li><b>This induction pack</b>, to get you started.</li>"
                                "<li><b>The Reference Guide for PCNs</b>, with more detail on "
                                "recruitment, induction, supervision, quality and evidence.</li>"
                                "<li><b>The Summary Guide</b>, which describes what a good "
                                "social prescribing scheme looks like.</li>"
                                "<li><b>A welcome webinar and a series of themed "
                                "webinars</b>.</li>"
                                "<li><b>Accredited online training</b>, which you can take "
                                "here.</li>"
                                "<li><b>Learning coordinators in each region</b>, who run peer "
                                "support and learning events.</li>"
                                "</ul>"
                                "<p>Information about webinars, training and regional events is "
                                "shared through CCG social prescribing leads and PCNs, and on "
                                "this network.</p>"
                            ),
                        }
                    ],
                },
                {
                    "title": "Attend the welcome webinar",
                    "slug": "attend-the-welcome-webinar",
                    "kind": "webinar",
                    "webinar_series": "welcome-webinar",
                    "summary": (
                        "Join one of the monthly welcome webinars for new link workers. This "
                        "step completes itself once your attendance is recorded."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Every month the national team runs a welcome webinar for "
                                "link workers who have just started. You will hear how social "
                                "prescribing fits into personalised care, what support is there "
                                "for you, and you can put questions to experienced link workers "
                                "and learning coordinators.</p>"
                                "<p>Book a place on any session below. Attendance is taken from "
                                "the meeting's attendance report, so there is nothing to mark "
                                "here: this step is completed when it is recorded, and the hour "
                                "goes into your CPD log.</p>"
                            ),
                        }
                    ],
                },
                {
                    "title": "Reflect on your first weeks",
                    "slug": "reflect-on-your-first-weeks",
                    "kind": "reflection",
                    # Goals for the next months: the coordinator reads them to help.
                    "reflection_shared": True,
                    "summary": (
                        "Look back at your first weeks in the role and set yourself two or three "
                        "goals for the next few months."
                    ),
                    "body": [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Take 15 minutes to look back at what you have learned. "
                                "Writing it down helps you notice how far you have come and "
                                "what you want to work on next.</p>"
                                "<h2>Prompts to help you</h2>"
                                "<ul>"
                                "<li>What has surprised you about the role so far?</li>"
                                "<li>Which relationships, with practices or community groups, "
                                "are going well? Which need more work?</li>"
                                "<li>When did you feel most useful to someone?</li>"
                                "<li>What has been hard, and what helped?</li>"
                                "<li>What are two or three things you want to learn or do in "
                                "the next three months?</li>"
                                "</ul>"
                            ),
                        },
                        {
                            "type": "inset_text",
                            "value": {
                                "body": (
                                    "<p>Your region's learning coordinators read this reflection, "
                                    "so they can help you reach your goals. Sharing them with your "
                                    "supervisor or line manager can help too.</p>"
                                )
                            },
                        },
                    ],
                },
            ],
        },
    ],
}
