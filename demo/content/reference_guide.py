"""The Reference Guide for primary care networks: setting up and running social prescribing.

Plain data: an intro and chapters, each with review dates and a StreamField body as raw
blocks ({"type": ..., "value": ...}). Published by `publish.seed_learning_content`.
Facts come from NHS England's public description of the social prescribing programme.
"""

from datetime import date

LAST_REVIEWED = date(2026, 11, 2)
NEXT_REVIEW_DUE = date(2027, 11, 1)

REFERENCE_GUIDE = {
    "title": "Reference Guide for primary care networks",
    "slug": "reference-guide",
    "intro": (
        "<p>This guide is for primary care networks (PCNs) that employ, or are about to "
        "employ, social prescribing link workers. It is also useful for clinical directors, "
        "practice managers, clinical supervisors and the link workers themselves.</p>"
        "<p>It covers how to set up a social prescribing service: recruiting, inducting and "
        "supervising link workers, the quality checks you need, and how to gather information "
        "that adds to a consistent evidence base.</p>"
        "<ul>"
        "<li>Read the chapters in order if you are starting from scratch.</li>"
        "<li>Go straight to a chapter if you need help with one part of the service.</li>"
        "<li>Download the whole guide as a PDF to share with colleagues.</li>"
        "</ul>"
    ),
    "chapters": [
        # ------------------------------------------------------------------
        {
            "title": "The social prescribing model and the link worker role",
            "slug": "model-and-role",
            "summary": (
                "What social prescribing is, the six elements of the standard model, who it "
                "helps, and what a link worker does day to day."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>What social prescribing is</h2>"
                        "<p>Social prescribing gives local agencies a way to refer people to a "
                        "link worker. The link worker gives the person time and takes a holistic "
                        "view of their health and wellbeing, starting from what matters to them. "
                        "They then connect the person to community groups and statutory services "
                        "for practical and emotional support.</p>"
                        "<p>Social prescribing is one of the building blocks of Universal "
                        "Personalised Care. It puts community-based support alongside medical "
                        "treatment as a recognised part of care.</p>"
                        "<h2>Who it helps</h2>"
                        "<p>Social prescribing works for a wide range of people, including people "
                        "who:</p>"
                        "<ul>"
                        "<li>have one or more long-term conditions</li>"
                        "<li>need support with their mental health</li>"
                        "<li>are lonely or isolated</li>"
                        "<li>have complex social needs that affect their wellbeing</li>"
                        "</ul>"
                        "<p>It also brings benefits for families and carers, and helps the "
                        "health and care system get more value from what it spends.</p>"
                        "<h2>The standard model</h2>"
                        "<p>NHS England developed a standard model of social prescribing with "
                        "its partners. It sets out six elements that must be in place for social "
                        "prescribing to be effective.</p>"
                    ),
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "The six elements and what they mean for your PCN",
                        "caption_size": "s",
                        "head": [{"text": "Element"}, {"text": "What it means in practice"}],
                        "rows": [
                            {
                                "cells": [
                                    {"text": "Collaborative commissioning and partnership working"},
                                    {
                                        "text": "Your PCN plans the service with the local "
                                        "authority, the VCSE sector, existing schemes and people "
                                        "with lived experience."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Easy referral"},
                                    {
                                        "text": "Many local agencies can refer, and people can "
                                        "refer themselves, through a simple process."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Workforce development"},
                                    {
                                        "text": "Link workers are properly recruited, inducted, "
                                        "trained and supervised."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Common outcomes framework"},
                                    {
                                        "text": "Impact is measured the same way for people, the "
                                        "local system and community groups."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "What matters to me"},
                                    {
                                        "text": "Support is shaped by the person's own "
                                        "priorities, not by a service's checklist."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Support for community groups"},
                                    {
                                        "text": "The groups people are connected to are helped "
                                        "to be accessible and sustainable."
                                    },
                                ]
                            },
                        ],
                        "responsive": True,
                        "first_cell_is_header": True,
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>What a link worker does</h2>"
                        "<p>A link worker:</p>"
                        "<ul>"
                        "<li>takes referrals from a wide range of local agencies and from people "
                        "who refer themselves</li>"
                        "<li>meets each person, often more than once, to explore what matters to "
                        "them and agree a plan they own</li>"
                        "<li>connects people to community groups, VCSE organisations and "
                        "statutory services, going with them the first time where that "
                        "helps</li>"
                        "<li>supports existing community groups to be accessible and "
                        "sustainable</li>"
                        "<li>helps people to start new groups where there are gaps</li>"
                        "<li>works with all local partners, and records what happens so that "
                        "impact can be shown</li>"
                        "</ul>"
                        "<p>Link workers are part of the multi-disciplinary team in your PCN. "
                        "They are not a replacement for clinical care, and they should not hold "
                        "clinical risk on their own.</p>"
                    ),
                },
                {
                    "type": "details",
                    "value": {
                        "title": "How social prescribing differs from active signposting",
                        "body": [
                            {
                                "type": "richtext",
                                "value": (
                                    "<p>Active signposting is a light-touch approach that "
                                    "complements social prescribing. Existing staff, such as "
                                    "receptionists and care navigators, use local knowledge and "
                                    "resource directories to point people to a service.</p>"
                                    "<p>It works best for people who are confident and skilled "
                                    "enough to find their own way after a brief conversation. "
                                    "People who need more time and support should be referred "
                                    "to a link worker instead. Having both in place means link "
                                    "workers' time goes to the people who need it most.</p>"
                                ),
                            }
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Recruiting link workers",
            "slug": "recruiting-link-workers",
            "summary": (
                "How link worker posts are funded, ways to employ them, the skills and "
                "qualities to look for, and what to have ready before they start."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Funding</h2>"
                        "<p>Social prescribing link workers are one of five additional roles in "
                        "the five year framework for GP contract reform. PCNs can be reimbursed "
                        "for 100% of a link worker's salary costs. Funding first became "
                        "available to PCNs on 1 July 2019, when the reformed GP contract "
                        "began.</p>"
                        "<p>The NHS Long Term Plan committed to 1,000 new link workers in place "
                        "by 2020/21, with significantly more after that, so that at least "
                        "900,000 people could be referred to social prescribing by 2023/24.</p>"
                        "<h2>Deciding how to employ link workers</h2>"
                        "<p>In some areas social prescribing is already well established. In "
                        "others it is new. Before you recruit, find out what already exists "
                        "locally. Your CCG's social prescribing lead can tell you about the "
                        "shared local plan and any existing schemes.</p>"
                        "<p>Some PCNs employ link workers directly. Others work with an "
                        "established local scheme or VCSE organisation that employs them. "
                        "Whichever you choose, agree in writing:</p>"
                        "<ul>"
                        "<li>who is the employer and who is the line manager</li>"
                        "<li>who provides clinical supervision</li>"
                        "<li>which policies apply, including safeguarding and lone working</li>"
                        "<li>how the link worker gets access to the clinical system and "
                        "records</li>"
                        "</ul>"
                        "<h2>Skills and qualities to look for</h2>"
                        "<p>Good link workers come from many backgrounds. Experience matters "
                        "less than the way someone works with people. Look for people who:</p>"
                        "<ul>"
                        "<li>listen well and put people at ease</li>"
                        "<li>are curious about what matters to people and respect their "
                        "choices</li>"
                        "<li>know, or can quickly get to know, the local community and its "
                        "groups</li>"
                        "<li>build relationships with a wide range of organisations</li>"
                        "<li>can manage their own caseload and keep clear records</li>"
                        "<li>know when to ask for help and can hold professional "
                        "boundaries</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "do_list",
                    "value": {
                        "heading_level": 2,
                        "label": "When you recruit, do",
                        "do": [
                            "<p>involve people with lived experience of social prescribing on "
                            "your interview panel</p>",
                            "<p>ask a VCSE partner to help shape the job description</p>",
                            "<p>use a practical exercise, such as a role-played 'what matters "
                            "to me' conversation</p>",
                            "<p>aim for a team that reflects the communities you serve</p>",
                        ],
                    },
                },
                {
                    "type": "dont_list",
                    "value": {
                        "heading_level": 2,
                        "label": "When you recruit, do not",
                        "dont": [
                            "<p>do not write the role as a clinical or administrative post</p>",
                            "<p>do not expect a link worker to cover several PCNs' worth of "
                            "patients without the time to build local relationships</p>",
                        ],
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Before your link worker starts</h2>"
                        "<p>A new link worker who arrives to find no desk, no login and no "
                        "supervisor loses weeks. Have these ready on day one:</p>"
                        "<ul>"
                        "<li>a named clinical supervisor and a named line manager</li>"
                        "<li>access to the clinical system and an email account</li>"
                        "<li>somewhere private to see people, in the practice and in the "
                        "community</li>"
                        "<li>an induction plan for the first three months</li>"
                        "<li>an account on this learning network, so they can start the "
                        "induction pack</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "inset_text",
                    "value": {
                        "body": (
                            "<p>Tell your CCG's social prescribing lead when a new link worker "
                            "is starting. They can make sure the link worker hears about "
                            "webinars, training and regional learning events.</p>"
                        )
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Induction",
            "slug": "induction",
            "summary": (
                "What a good induction covers, a suggested plan for the first three months and "
                "how to use the online induction pack."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>A good induction helps a new link worker become confident, safe and "
                        "useful to patients quickly. It also helps them build the relationships "
                        "that the role depends on, within your practices and across the "
                        "community.</p>"
                        "<h2>What a good induction covers</h2>"
                        "<ul>"
                        "<li>the social prescribing model and what the role is, and is not</li>"
                        "<li>who can refer, how referrals arrive and how quickly they are "
                        "answered</li>"
                        "<li>how to hold a 'what matters to me' conversation</li>"
                        "<li>local community groups, VCSE organisations and statutory "
                        "services</li>"
                        "<li>safeguarding, lone working and information governance "
                        "policies</li>"
                        "<li>clinical supervision and how to raise concerns</li>"
                        "<li>what to record and how, so outcomes can be measured</li>"
                        "</ul>"
                        "<h2>The online induction pack</h2>"
                        "<p>NHS England produced a welcome and induction pack for link workers "
                        "in PCNs. On this network, it is a list of steps your link worker works "
                        "through. Some are things to read. Others are tasks done in person, such "
                        "as meeting their clinical supervisor or visiting a local group. The "
                        "regional learning coordinator signs these tasks off, so you can see "
                        "that they have happened.</p>"
                        "<p>The online pack does not replace a local induction. Use it alongside "
                        "your own introductions to your practices, systems and policies.</p>"
                    ),
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "A suggested induction plan",
                        "caption_size": "s",
                        "head": [{"text": "When"}, {"text": "What to aim for"}],
                        "rows": [
                            {
                                "cells": [
                                    {"text": "First week"},
                                    {
                                        "text": "Meet the clinical supervisor and line manager. "
                                        "Set up IT access. Read key policies. Start the online "
                                        "induction pack."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "First month"},
                                    {
                                        "text": "Visit each practice. Shadow an experienced link "
                                        "worker. Visit local groups. Take a small number of "
                                        "first referrals with support."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "First three months"},
                                    {
                                        "text": "Build up the caseload gradually. Finish the "
                                        "induction pack. Join the welcome webinar and a "
                                        "regional learning event. Start accredited training."
                                    },
                                ]
                            },
                        ],
                        "responsive": True,
                        "first_cell_is_header": True,
                    },
                },
                {
                    "type": "warning_callout",
                    "value": {
                        "title": "Build the caseload gradually",
                        "heading_level": 2,
                        "body": (
                            "<p>Demand for a new link worker can be high from the first day. "
                            "Agree how many new referrals they will take in their first weeks, "
                            "and tell referrers. A link worker who is overloaded early cannot "
                            "give people the time that social prescribing depends on.</p>"
                        ),
                    },
                },
                {
                    "type": "expander",
                    "value": {
                        "title": "Introducing your link worker to the team",
                        "body": [
                            {
                                "type": "richtext",
                                "value": (
                                    "<p>Ask each practice to give the link worker a slot at a "
                                    "team meeting. Clinicians and reception staff need to know "
                                    "who the link worker can help, how to refer and what "
                                    "happens next.</p>"
                                    "<p>Reception teams and care navigators are often the first "
                                    "to notice someone who is lonely or struggling. Make sure "
                                    "they know the difference between signposting someone "
                                    "themselves and referring them to the link worker.</p>"
                                ),
                            }
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Supervision and support",
            "slug": "supervision-and-support",
            "summary": (
                "Clinical supervision, line management and peer support: what link workers "
                "need, how often, and who provides it."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Link workers often support people with complex lives and may be the "
                        "first person someone tells about a serious worry. They need regular "
                        "supervision and good support to do this safely and to stay well.</p>"
                        "<h2>Clinical supervision</h2>"
                        "<p>Every link worker needs a named clinical supervisor in the PCN, "
                        "usually a GP. Supervision gives the link worker protected time to:</p>"
                        "<ul>"
                        "<li>talk through people they are worried about</li>"
                        "<li>get advice on risk, including safeguarding</li>"
                        "<li>check whether a referral is right for social prescribing or needs "
                        "a clinical response</li>"
                        "<li>reflect on difficult conversations and their own wellbeing</li>"
                        "</ul>"
                        "<p>Agree how often supervision happens, and protect that time. The "
                        "link worker should also know how to reach their supervisor, or a "
                        "named deputy, between sessions when something cannot wait.</p>"
                        "<h2>Line management</h2>"
                        "<p>Line management covers workload, caseload size, leave, training and "
                        "performance. It may sit with a different person from clinical "
                        "supervision, especially if the link worker is employed by a partner "
                        "organisation. Make sure everyone knows who is responsible for what.</p>"
                    ),
                },
                {
                    "type": "warning_callout",
                    "value": {
                        "title": "Link workers should not hold risk alone",
                        "heading_level": 2,
                        "body": (
                            "<p>If a link worker is worried that someone is at risk of harm, "
                            "they must be able to pass that concern on the same day. Make sure "
                            "they know the safeguarding lead for each practice and how to "
                            "contact them.</p>"
                        ),
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Peer support</h2>"
                        "<p>Link workers can feel isolated, especially if they are the only "
                        "one in their PCN. Peer support helps them share ideas, solve problems "
                        "and feel part of a wider profession.</p>"
                        "<ul>"
                        "<li>Each region has learning coordinators who run peer support and "
                        "learning events.</li>"
                        "<li>This network has a peer forum for each region.</li>"
                        "<li>Link workers in neighbouring PCNs often set up their own local "
                        "meetings.</li>"
                        "</ul>"
                        "<p>Give link workers time in their working week to take part.</p>"
                        "<h2>Wellbeing</h2>"
                        "<p>Hearing about loss, loneliness and hardship every day takes its "
                        "toll. Check in on the link worker's wellbeing at supervision and line "
                        "management meetings, and make sure they can use any staff wellbeing "
                        "support your organisation offers.</p>"
                    ),
                },
                {
                    "type": "do_list",
                    "value": {
                        "heading_level": 2,
                        "label": "",
                        "do": [
                            "<p>put supervision dates in the diary for the first six months "
                            "before the link worker starts</p>",
                            "<p>agree a safe lone working procedure for home and community "
                            "visits</p>",
                            "<p>ask the link worker regularly whether their caseload is "
                            "manageable</p>",
                        ],
                    },
                },
                {
                    "type": "dont_list",
                    "value": {
                        "heading_level": 2,
                        "label": "",
                        "dont": [
                            "<p>do not cancel supervision because the practice is busy</p>",
                            "<p>do not leave a link worker to manage a safeguarding concern on "
                            "their own</p>",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Quality assurance: safe referral and working with VCSE groups",
            "slug": "quality-assurance",
            "summary": (
                "The checks that keep social prescribing safe and good quality, from consent "
                "and information sharing to the groups people are referred to."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>People trust the NHS when a link worker suggests a group or service. "
                        "Your PCN needs simple, proportionate checks so that trust is well "
                        "placed, without putting small community groups off.</p>"
                        "<h2>Safe referral to the link worker</h2>"
                        "<ul>"
                        "<li>The person agrees to the referral and understands why it was "
                        "made.</li>"
                        "<li>The referral includes what the link worker needs to know to work "
                        "safely, such as known risks.</li>"
                        "<li>Referrers know which needs are better met by a clinical or "
                        "specialist service.</li>"
                        "<li>The person and the referrer hear back about what happened.</li>"
                        "</ul>"
                        "<h2>Safe referral onwards</h2>"
                        "<p>Before a link worker connects someone to a group or organisation, "
                        "they should know enough about it to be confident it is safe and "
                        "suitable. Agree locally what checks are proportionate. Work with VCSE "
                        "partners and the CCG's social prescribing lead so that groups are not "
                        "asked for the same thing by every PCN.</p>"
                    ),
                },
                {
                    "type": "details",
                    "value": {
                        "title": "Checks you might agree with local VCSE partners",
                        "body": [
                            {
                                "type": "richtext",
                                "value": (
                                    "<ul>"
                                    "<li>a named contact and up-to-date details</li>"
                                    "<li>a safeguarding policy suited to the group's size and "
                                    "activity, and a named person for concerns</li>"
                                    "<li>suitable insurance for the activities offered</li>"
                                    "<li>appropriate checks for anyone working alone with "
                                    "people who may be vulnerable</li>"
                                    "<li>how the group handles complaints and feedback</li>"
                                    "</ul>"
                                    "<p>Keep checks proportionate. A weekly coffee morning does "
                                    "not need the same paperwork as a service that visits "
                                    "people at home.</p>"
                                ),
                            }
                        ],
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Supporting community groups</h2>"
                        "<p>Support for community groups is one of the six elements of the "
                        "model. When link workers refer more people to a group, that group "
                        "needs to be able to cope. Quality assurance includes making sure the "
                        "groups you rely on are accessible and sustainable.</p>"
                        "<ul>"
                        "<li>Talk to groups before sending them more people.</li>"
                        "<li>Share what link workers learn about unmet needs with "
                        "commissioners and funders.</li>"
                        "<li>Help people start new groups where there are gaps.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "warning_callout",
                    "value": {
                        "title": "Referral needs resources",
                        "heading_level": 2,
                        "body": (
                            "<p>A steady flow of referrals to a small, volunteer-run group can "
                            "overwhelm it. If demand grows, talk with local partners about how "
                            "the group can be supported, rather than simply sending more "
                            "people.</p>"
                        ),
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Information sharing</h2>"
                        "<p>Agree with the person what information will be shared, with whom "
                        "and why. Share only what is needed. Make sure link workers know your "
                        "PCN's information governance policies, and when they must share "
                        "information without consent to keep someone safe.</p>"
                        "<h2>Feedback and learning</h2>"
                        "<p>Ask people what they thought of the support they received, and "
                        "listen to groups and referrers. Review what you learn with the link "
                        "worker and your partners at least once a year, and change the service "
                        "where it is not working.</p>"
                    ),
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Gathering evidence and measuring impact",
            "slug": "gathering-evidence",
            "summary": (
                "What information to collect, how the Common Outcomes Framework helps, and how "
                "your PCN adds to a consistent national evidence base."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Why evidence matters</h2>"
                        "<p>There is emerging evidence that social prescribing can improve "
                        "people's health and wellbeing, including their quality of life and "
                        "emotional wellbeing. Social prescribing schemes may also reduce the "
                        "use of NHS services, including GP attendance. Around 6 in 10 GPs (59%) "
                        "think social prescribing can help reduce their workload.</p>"
                        "<p>But more robust and systematic evidence is needed. If every PCN "
                        "gathers information in the same way, it becomes possible to compare "
                        "schemes, learn what works and make the case for continued "
                        "funding.</p>"
                        "<h2>The Common Outcomes Framework</h2>"
                        "<p>The Summary Guide includes a Common Outcomes Framework. It measures "
                        "the impact of social prescribing on three groups:</p>"
                        "<ul>"
                        "<li><b>the person</b>: their health, wellbeing and how connected they "
                        "feel</li>"
                        "<li><b>the local system</b>: how health and care services are used and "
                        "work together</li>"
                        "<li><b>community groups</b>: the voluntary and community organisations "
                        "people are connected to</li>"
                        "</ul>"
                        "<p>Build your data collection around these three from the start.</p>"
                    ),
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "What to collect",
                        "caption_size": "s",
                        "head": [{"text": "Question"}, {"text": "Information that answers it"}],
                        "rows": [
                            {
                                "cells": [
                                    {"text": "Who is being referred, and by whom?"},
                                    {
                                        "text": "Number of referrals, referral source, and basic "
                                        "details of the people referred."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Is the person better off?"},
                                    {
                                        "text": "A wellbeing measure agreed locally, recorded at "
                                        "the start and again later, and what the person says."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "What were people connected to?"},
                                    {
                                        "text": "The groups and services each person was "
                                        "connected to, and whether they took up the offer."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Has use of services changed?"},
                                    {
                                        "text": "GP appointments and other service use before "
                                        "and after, looked at across groups of people."
                                    },
                                ]
                            },
                            {
                                "cells": [
                                    {"text": "Are community groups coping?"},
                                    {
                                        "text": "Referrals made to each group, feedback from "
                                        "groups, and new groups started."
                                    },
                                ]
                            },
                        ],
                        "responsive": True,
                        "first_cell_is_header": True,
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Recording consistently</h2>"
                        "<p>Record social prescribing referrals and link worker activity in the "
                        "clinical system using the codes agreed nationally and locally. "
                        "Consistent coding is what lets your work be counted alongside other "
                        "PCNs'. Check with your CCG's social prescribing lead which codes and "
                        "measures your area uses.</p>"
                        "<h2>Stories as well as numbers</h2>"
                        "<p>Numbers show the scale of what you do. Stories show what it means. "
                        "With people's written permission, collect short case studies that show "
                        "how social prescribing changed things for them and for the groups they "
                        "joined.</p>"
                    ),
                },
                {
                    "type": "inset_text",
                    "value": {
                        "body": (
                            "<p>Collect only what you need, tell people what you record and "
                            "why, and report in a way that does not identify individuals.</p>"
                        )
                    },
                },
                {
                    "type": "expander",
                    "value": {
                        "title": "Looking at changes in GP attendance",
                        "body": [
                            {
                                "type": "richtext",
                                "value": (
                                    "<p>Changes in how often people see their GP are easiest to "
                                    "interpret across a group of people over several months, "
                                    "not for one person. Many things affect attendance, so "
                                    "treat the figures as one part of the picture and look at "
                                    "them alongside what people tell you.</p>"
                                ),
                            }
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Partnership working and easy referral",
            "slug": "partnership-working",
            "summary": (
                "Working with local partners on a shared plan, and making it easy for every "
                "local agency, and people themselves, to refer to a link worker."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Social prescribing works best when local organisations plan and "
                        "deliver it together. No PCN can do it well on its own.</p>"
                        "<h2>The shared local plan</h2>"
                        "<p>Each CCG area was asked to create a shared local plan for social "
                        "prescribing. The plan shows how partners will work together, "
                        "including:</p>"
                        "<ul>"
                        "<li>existing social prescribing schemes</li>"
                        "<li>local authorities</li>"
                        "<li>primary care networks</li>"
                        "<li>the voluntary, community and social enterprise (VCSE) sector</li>"
                        "<li>people with lived experience</li>"
                        "</ul>"
                        "<p>Ask your CCG's social prescribing lead for your area's plan, and "
                        "make sure your PCN has a voice in it. The plan helps avoid gaps and "
                        "duplication, for example two schemes covering the same streets while "
                        "another area has none.</p>"
                        "<h2>Easy referral</h2>"
                        "<p>People should be able to reach a link worker from a wide range of "
                        "local agencies, including:</p>"
                        "<ul>"
                        "<li>general practice and pharmacies</li>"
                        "<li>multi-disciplinary teams and hospital discharge teams</li>"
                        "<li>allied health professionals</li>"
                        "<li>the fire service and the police</li>"
                        "<li>job centres</li>"
                        "<li>social care services and housing associations</li>"
                        "<li>VCSE organisations</li>"
                        "</ul>"
                        "<p>Self-referral should also be encouraged.</p>"
                    ),
                },
                {
                    "type": "do_list",
                    "value": {
                        "heading_level": 2,
                        "label": "To make referral easy, do",
                        "do": [
                            "<p>use one simple referral route that all local agencies can use</p>",
                            "<p>explain clearly who link workers can help, and who they cannot</p>",
                            "<p>give people a way to refer themselves in person, by phone and "
                            "online</p>",
                            "<p>let referrers know what happened, with the person's agreement</p>",
                        ],
                    },
                },
                {
                    "type": "dont_list",
                    "value": {
                        "heading_level": 2,
                        "label": "",
                        "dont": [
                            "<p>do not make each agency use a different form</p>",
                            "<p>do not limit referrals to GPs alone</p>",
                        ],
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Commissioning together</h2>"
                        "<p>Collaborative commissioning means partners agree together what is "
                        "needed and how it will be paid for. That includes support for the "
                        "community groups that link workers refer people to, not only the link "
                        "worker posts themselves.</p>"
                        "<p>Link workers see where demand outstrips what is available. Build a "
                        "regular way for them to feed this back to commissioners and "
                        "funders.</p>"
                    ),
                },
                {
                    "type": "inset_text",
                    "value": {
                        "body": (
                            "<p>Social prescribing complements active signposting. Agree "
                            "locally who signposts, who refers and how the two work together, "
                            "so that people get the right level of support.</p>"
                        )
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        {
            "title": "Training and learning for link workers",
            "slug": "training-and-learning",
            "summary": (
                "The national training and support offer for link workers, how information "
                "about it reaches you, and how to make time for it."
            ),
            "last_reviewed": LAST_REVIEWED,
            "next_review_due": NEXT_REVIEW_DUE,
            "body": [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>NHS England created a suite of resources to support new link "
                        "workers in PCNs. Your PCN's part is to make sure link workers know "
                        "about them and have time to use them.</p>"
                        "<h2>What is available</h2>"
                        "<ul>"
                        "<li><b>The Summary Guide</b>, which describes what a good social "
                        "prescribing scheme looks like and includes the Common Outcomes "
                        "Framework.</li>"
                        "<li><b>This Reference Guide</b>, for PCNs setting up and running the "
                        "service.</li>"
                        "<li><b>A welcome and induction pack</b> for link workers, available "
                        "on this network.</li>"
                        "<li><b>A welcome webinar</b> for new link workers, and a <b>series of "
                        "themed webinars</b>.</li>"
                        "<li><b>Learning coordinators in each region</b>, who bring link "
                        "workers together for peer support and learning.</li>"
                        "<li><b>Accredited online training</b> for link workers.</li>"
                        "</ul>"
                        "<h2>How information reaches you</h2>"
                        "<p>Information about webinars, online training and regional learning "
                        "events is shared through CCG social prescribing leads and primary care "
                        "networks. It is also published on this network, where link workers "
                        "can book webinars, take training and join their regional forum.</p>"
                        "<p>New link workers join this network by asking the national team. "
                        "Their learning coordinator then welcomes them to their region.</p>"
                    ),
                },
                {
                    "type": "do_list",
                    "value": {
                        "heading_level": 2,
                        "label": "",
                        "do": [
                            "<p>protect time each month for training, webinars and peer "
                            "support</p>",
                            "<p>talk about learning goals at supervision and appraisal</p>",
                            "<p>pass on information from your CCG's social prescribing lead "
                            "promptly</p>",
                        ],
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<h2>Learning from each other</h2>"
                        "<p>Link workers learn a great deal from one another: how to approach "
                        "a hard conversation, which groups are welcoming, what to do when there "
                        "is nothing suitable nearby. Regional learning events and peer forums "
                        "make this possible across PCN boundaries.</p>"
                        "<p>Encourage experienced link workers to offer shadowing to new "
                        "colleagues, and to share what works at regional events.</p>"
                    ),
                },
                {
                    "type": "details",
                    "value": {
                        "title": "What learning coordinators do",
                        "body": [
                            {
                                "type": "richtext",
                                "value": (
                                    "<p>Learning coordinators work across a region. They "
                                    "welcome new link workers, run groups of new starters "
                                    "through their induction and sign off the induction tasks "
                                    "that happen in person. They also run regional learning "
                                    "events and look after the region's peer forums.</p>"
                                ),
                            }
                        ],
                    },
                },
            ],
        },
    ],
}
