"""Accredited training: three modules for link workers, each with lessons and an assessment.

Plain data: the training index's intro and the modules, each with its lessons (StreamField
bodies as raw blocks, {"type": ..., "value": ...}) and a question bank of raw question
blocks. The small helpers below only build those raw blocks, so the words stay readable.
Published by `publish.seed_learning_content`.

Facts come from NHS England's public description of the social prescribing programme,
the Care Act 2014 and its statutory guidance, and the Mental Capacity Act 2005. The
modules describe wellbeing tools without reproducing their questions.
"""

from decimal import Decimal

ACCREDITING_BODY = "Personalised Care Institute"


# -- raw block builders ------------------------------------------------------------------


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def inset(html: str) -> dict:
    return {"type": "inset_text", "value": {"body": html}}


def warning(title: str, html: str, *, level: int = 2) -> dict:
    return {
        "type": "warning_callout",
        "value": {"title": title, "heading_level": level, "body": html},
    }


def care_card(kind: str, title: str, html: str, *, level: int = 2) -> dict:
    """kind: "primary" (non-urgent), "urgent" or "immediate" (emergency)."""
    return {
        "type": "care_card",
        "value": {
            "type": kind,
            "heading_level": level,
            "title": title,
            "body": [{"type": "richtext", "value": html}],
        },
    }


def details(title: str, html: str) -> dict:
    return {
        "type": "details",
        "value": {"title": title, "body": [{"type": "richtext", "value": html}]},
    }


def expander(title: str, html: str) -> dict:
    return {
        "type": "expander",
        "value": {"title": title, "body": [{"type": "richtext", "value": html}]},
    }


def do_list(items: list[str], *, label: str = "", level: int = 2) -> dict:
    return {
        "type": "do_list",
        "value": {"heading_level": level, "label": label, "do": [f"<p>{i}</p>" for i in items]},
    }


def dont_list(items: list[str], *, label: str = "", level: int = 2) -> dict:
    return {
        "type": "dont_list",
        "value": {"heading_level": level, "label": label, "dont": [f"<p>{i}</p>" for i in items]},
    }


def table(caption: str, head: list[str], rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "caption_size": "s",
            "head": [{"text": text} for text in head],
            "rows": [{"cells": [{"text": text} for text in row]} for row in rows],
            "responsive": True,
            "first_cell_is_header": True,
        },
    }


def outcome(text: str) -> dict:
    return {"type": "outcome", "value": text}


def question(text: str, choices: list[tuple[str, bool]], feedback: str) -> dict:
    """A question block; "choose one" when exactly one choice is right."""
    right = sum(correct for _, correct in choices)
    return {
        "type": "question",
        "value": {
            "text": text,
            "kind": "single" if right == 1 else "multiple",
            "choices": [{"text": t, "correct": correct} for t, correct in choices],
            "feedback": feedback,
        },
    }


RIGHT, WRONG = True, False


# -- module 1: personalised care -------------------------------------------------------------

PERSONALISED_CARE = {
    "title": "Personalised care and 'what matters to me' conversations",
    "slug": "personalised-care-conversations",
    "summary": (
        "Hold conversations that start from what matters to the person, build on their "
        "strengths, and turn into a simple plan you agree together and follow up."
    ),
    "description": (
        "<p>For link workers in their first months in post, and for anyone who wants to "
        "refresh the skills at the heart of the role.</p>"
        "<ul>"
        "<li>5 short lessons, each with examples from day-to-day practice</li>"
        "<li>an assessment of 8 questions drawn from a bank of 10</li>"
        "<li>a certificate and CPD hours when you pass</li>"
        "</ul>"
    ),
    "learning_outcomes": [
        outcome("Explain what personalised care is and where social prescribing fits in it."),
        outcome("Use an asset-based approach that starts from a person's strengths."),
        outcome("Hold a 'what matters to me' conversation using open questions and listening."),
        outcome("Agree a simple personalised care and support plan with the person."),
        outcome(
            "Use shared decision making and follow up in a way that keeps the person in charge."
        ),
    ],
    "cpd_hours": Decimal("3.0"),
    "accrediting_body": ACCREDITING_BODY,
    "pass_mark": 80,
    "max_attempts": 3,
    "shuffle": True,
    "questions_per_attempt": 8,
    "prerequisites": [],
    "lessons": [
        {
            "title": "What personalised care means",
            "slug": "what-personalised-care-means",
            "summary": "Universal Personalised Care, its six parts, and where your role fits.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>Personalised care means people have choice and control over how their "
                    "care is planned and given. It is based on what matters to them, their "
                    "strengths and their needs, not only on their diagnosis.</p>"
                    "<p>For many years, care was organised around services. People were asked "
                    "the same questions by different teams and fitted into what was on offer. "
                    "Personalised care turns this round. It starts with the person and builds "
                    "support around their life.</p>"
                    "<h2>Universal Personalised Care</h2>"
                    "<p>Universal Personalised Care is NHS England's plan to make personalised "
                    "care the normal way of working. The aim was for at least 2.5 million "
                    "people to benefit from personalised care by 2023/24. The plan sets out "
                    "6 parts that work together.</p>"
                ),
                table(
                    "The 6 parts of the comprehensive model of personalised care",
                    ["Part", "What it means for the person"],
                    [
                        [
                            "Shared decision making",
                            "They choose, with a professional, the option that suits them best.",
                        ],
                        [
                            "Personalised care and support planning",
                            "They have a plan built around what matters to them, and they keep a copy.",
                        ],
                        [
                            "Enabling choice",
                            "They know their options, including their legal rights to choose.",
                        ],
                        [
                            "Social prescribing and community-based support",
                            "They are connected to community groups and services that help with what matters.",
                        ],
                        [
                            "Supported self-management",
                            "They have the knowledge, skills and confidence to manage their own health.",
                        ],
                        [
                            "Personal health budgets and integrated personal budgets",
                            "Where eligible, they have control over money spent on their care.",
                        ],
                    ],
                ),
                paragraph(
                    "<h2>Where social prescribing fits</h2>"
                    "<p>Social prescribing is one of those 6 parts, and a key one. Local "
                    "agencies refer people to you, and people can refer themselves. You give "
                    "them time, listen to what matters to them and connect them to community "
                    "groups and statutory services for practical and emotional support.</p>"
                    "<p>Social prescribing can help a wide range of people, including people "
                    "who:</p>"
                    "<ul>"
                    "<li>live with one or more long-term conditions</li>"
                    "<li>need support with their mental health</li>"
                    "<li>are lonely or isolated</li>"
                    "<li>have complex social needs that affect their wellbeing</li>"
                    "</ul>"
                    "<p>Your work also links with the other parts. A person you support may "
                    "want help to manage a long-term condition, or may need to make a "
                    "decision about treatment with their GP. You do not replace the clinical "
                    "team. You help the person take part as an equal.</p>"
                ),
                inset(
                    "<p>A simple test of personalised care: would the person recognise the "
                    "plan as theirs? If it reads like a list of services chosen for them, it "
                    "is not yet personalised.</p>"
                ),
                paragraph(
                    "<h2>Different people, different levels of support</h2>"
                    "<p>Not everyone needs the same amount of help. Some people are confident "
                    "and only need information. Active signposting, where reception or other "
                    "staff point people to a service, works well for them.</p>"
                    "<p>Others need more time. They may have several problems at once, low "
                    "confidence, or a history of services that did not work for them. This is "
                    "where a link worker makes the most difference: you can spend longer, "
                    "build trust and go at the person's pace.</p>"
                ),
                details(
                    "Why the NHS funds link workers in primary care",
                    "<p>NHS England committed to building social prescribing into primary care. "
                    "From July 2019, primary care networks could claim back the full salary "
                    "costs of link workers under the reformed GP contract. The plan was for "
                    "1,000 new link workers by 2020/21, and for at least 900,000 people to be "
                    "referred to social prescribing by 2023/24.</p>"
                    "<p>This was the biggest investment in social prescribing by any national "
                    "health system. It recognises community support as part of care, alongside "
                    "medical treatment.</p>",
                ),
            ],
        },
        {
            "title": "Starting from strengths: an asset-based approach",
            "slug": "asset-based-approach",
            "summary": "Look at what a person and their community already have, not only at what is wrong.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>Most referrals arrive as a problem: low mood, loneliness, debt, a "
                    "long-term condition that is hard to manage. The problem matters. But if "
                    "you only look at problems, you miss the things that will help the person "
                    "most.</p>"
                    "<p>An asset-based approach (sometimes called strengths-based) starts from "
                    "what the person already has and what is around them. You then build on "
                    "those things together.</p>"
                    "<h2>Personal assets</h2>"
                    "<p>Everyone has assets, even when life is hard. They include:</p>"
                    "<ul>"
                    "<li>skills and knowledge, from work, caring or hobbies</li>"
                    "<li>interests and things they used to enjoy</li>"
                    "<li>relationships with family, friends, neighbours or faith groups</li>"
                    "<li>things they have coped with before, and how they did it</li>"
                    "<li>values and hopes: what they want their life to be like</li>"
                    "</ul>"
                    "<h2>Community assets</h2>"
                    "<p>Communities have assets too: groups, clubs, places of worship, "
                    "libraries, parks, community centres, local businesses and the people "
                    "who run them. Part of your job is knowing these well, and helping the "
                    "groups stay accessible and sustainable.</p>"
                    "<p>Many of the most useful assets are not services at all. A neighbour "
                    "who gives lifts, a cafe that welcomes people on their own, a choir that "
                    "does not ask anyone to audition: these can matter more than a formal "
                    "referral.</p>"
                ),
                inset(
                    "<p>Ask 'what is strong?' as well as 'what is wrong?'. A man who kept an "
                    "allotment for 20 years before his stroke may not want a gardening group. "
                    "He may want to teach one.</p>"
                ),
                paragraph(
                    "<h2>Why it works</h2>"
                    "<p>People are more likely to keep going with something that builds on who "
                    "they are. Starting from strengths also builds confidence: the person sees "
                    "themselves as someone who can do things, not only as a patient.</p>"
                    "<p>An asset-based approach does not ignore need or risk. If someone is "
                    "not safe, or needs urgent help, that comes first. It means you look at "
                    "the whole person, including what is going well.</p>"
                ),
                do_list(
                    [
                        "ask what the person enjoys, is good at or used to do",
                        "ask who is already in their corner",
                        "keep your own map of local groups and what each is really like",
                        "notice and name the strengths you hear",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "start with a checklist of problems and diagnoses",
                        "decide which service someone needs before you have met them",
                        "assume a group is right because it matches the reason for referral",
                    ],
                    label="Don't",
                ),
                expander(
                    "An example: mapping assets with the person",
                    "<p>Joan, 74, was referred after several falls and visits to the GP about "
                    "her mood. Her husband died last year.</p>"
                    "<p>Together you draw a simple map. In the middle is Joan. Around her, she "
                    "adds her daughter (calls every Sunday), her neighbour (takes in parcels), "
                    "the church she used to go to, and her love of baking.</p>"
                    "<p>Joan decides she would like to get back to church. She is worried about "
                    "the walk. You talk about community transport, and she remembers a friend "
                    "from church who drives. The plan starts from what she already has.</p>",
                ),
            ],
        },
        {
            "title": "Holding a 'what matters to me' conversation",
            "slug": "what-matters-conversation",
            "summary": "Prepare, open, listen and summarise so the person leads the conversation.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>The 'what matters to me' conversation is the centre of your work. It "
                    "moves the question from 'what is the matter with you?' to 'what matters "
                    "to you?'. It often takes more than one meeting, and that is fine.</p>"
                    "<h2>Before you meet</h2>"
                    "<ul>"
                    "<li>Read the referral and any notes you are allowed to see.</li>"
                    "<li>Check the person knows why they were referred and has agreed to see "
                    "you.</li>"
                    "<li>Ask how and where they would like to meet: the surgery, a community "
                    "venue, by phone or video, or at home if your lone working policy allows "
                    "it.</li>"
                    "<li>Check whether they need an interpreter, large print or other "
                    "adjustments.</li>"
                    "</ul>"
                    "<h2>Opening the conversation</h2>"
                    "<p>Explain who you are and what you can and cannot do. Say how long you "
                    "have. Explain what you will write down and who can see it. Then hand "
                    "the conversation to the person.</p>"
                    "<p>Questions that open things up are short and open. For example:</p>"
                    "<ul>"
                    "<li>What would a good week look like for you?</li>"
                    "<li>What is getting in the way at the moment?</li>"
                    "<li>What has helped before, when things were hard?</li>"
                    "<li>If one thing could change, what would it be?</li>"
                    "</ul>"
                ),
                inset(
                    "<p>What the person says matters most may not be the reason they were "
                    "referred. Someone referred for loneliness may want help with rent "
                    "arrears first. Start where they are.</p>"
                ),
                paragraph(
                    "<h2>Listening well</h2>"
                    "<p>Good listening is active. You show you have heard, and you check you "
                    "have understood. Four simple skills help:</p>"
                    "<ol>"
                    "<li><b>Open questions</b> that cannot be answered with yes or no.</li>"
                    "<li><b>Affirming</b> what the person has done or tried: 'It took courage "
                    "to come today.'</li>"
                    "<li><b>Reflecting</b> back what you heard, in your own words, so they can "
                    "correct you.</li>"
                    "<li><b>Summarising</b> now and then, and at the end, so you agree what "
                    "was said.</li>"
                    "</ol>"
                    "<p>Give people time. Pauses are often when the most important things are "
                    "said. Keep notes short during the conversation, and look at the person, "
                    "not the screen.</p>"
                ),
                do_list(
                    [
                        "let the person set the pace and the order of topics",
                        "use their words when you summarise",
                        "check what they want to happen next",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "fill silences too quickly",
                        "jump to solutions before you understand the problem",
                        "promise what you or a service cannot deliver",
                    ],
                    label="Don't",
                ),
                warning(
                    "If the conversation reveals a risk",
                    "<p>Sometimes a person tells you something that suggests they, or "
                    "someone else, may be at risk of harm. This could be abuse, neglect or "
                    "thoughts of suicide.</p>"
                    "<p>Stay calm and listen. Do not promise to keep it secret. Follow your "
                    "PCN's safeguarding procedures and speak to your safeguarding lead or "
                    "clinical supervisor the same day. If someone is in immediate danger, call "
                    "999.</p>",
                ),
                details(
                    "Ending the first conversation",
                    "<p>Summarise what you heard and what matters most to the person. Agree "
                    "one or two next steps, even small ones. Say when you will next be in "
                    "touch and how they can contact you.</p>"
                    "<p>Ask how the conversation felt for them. This helps you learn, and it "
                    "shows the person their view counts.</p>",
                ),
            ],
        },
        {
            "title": "Shared decisions and a simple personalised care and support plan",
            "slug": "shared-decisions-and-the-plan",
            "summary": "Choose options together and agree a short plan the person owns.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>Once you understand what matters to the person, you work out together "
                    "what to do about it. Two things help: shared decision making, and a "
                    "simple written plan.</p>"
                    "<h2>Shared decision making</h2>"
                    "<p>Shared decision making means the person and the professional choose "
                    "together. The professional brings information about the options. The "
                    "person brings what matters to them, their experience and their "
                    "preferences. Neither decides alone.</p>"
                    "<p>Many decisions in social prescribing are about which group, service or "
                    "activity to try, and when. The person is the expert on their own life, "
                    "so their view carries a lot of weight.</p>"
                    "<p>A simple way to help someone think through an option is to look at 4 "
                    "things, sometimes remembered as BRAN:</p>"
                    "<ul>"
                    "<li><b>Benefits</b>: what might be good about it?</li>"
                    "<li><b>Risks</b>: what might be hard or go wrong?</li>"
                    "<li><b>Alternatives</b>: what else could they do?</li>"
                    "<li><b>Nothing</b>: what happens if they do nothing for now?</li>"
                    "</ul>"
                    "<p>Doing nothing for now is a real option. Some people need time, or need "
                    "to sort out something else first.</p>"
                ),
                inset(
                    "<p>Be honest about what services can offer. If a group has a waiting "
                    "list, or a service has strict criteria, say so. Good decisions need good "
                    "information.</p>"
                ),
                paragraph(
                    "<h2>The personalised care and support plan</h2>"
                    "<p>A personalised care and support plan records what you agreed. It is "
                    "the person's plan, not yours. Keep it short and clear, and write goals in "
                    "the person's own words. Give them a copy, in a format that works for "
                    "them.</p>"
                ),
                table(
                    "What a simple plan includes",
                    ["Section", "Example"],
                    [
                        [
                            "What matters to me",
                            "'Getting out of the house and seeing people again.'",
                        ],
                        ["My goal", "'To go to the Tuesday lunch club by the end of the month.'"],
                        [
                            "Small steps",
                            "Ring the club to ask about access; visit once with the link worker.",
                        ],
                        [
                            "Who will do what, by when",
                            "Link worker checks transport by Friday; the person calls the club next week.",
                        ],
                        ["If things get harder", "Who to contact, and what to do out of hours."],
                        ["Review", "Phone call in 2 weeks; meet again in 4 weeks."],
                    ],
                ),
                paragraph(
                    "<h2>Making goals work</h2>"
                    "<p>Goals work best when they are the person's own, specific and "
                    "achievable. Break big goals into small steps. A first step should feel "
                    "easy: a phone call, a visit to look around, a short walk with a friend.</p>"
                    "<p>Ask how confident the person feels about each step, for example on a "
                    "scale of 0 to 10. If the answer is low, make the step smaller or agree "
                    "what support would help.</p>"
                    "<p>Record the plan in the clinical system, following your PCN's "
                    "templates, so the wider team knows what has been agreed. Check the "
                    "person understands who can see it.</p>"
                ),
                do_list(
                    [
                        "write goals in the person's words",
                        "agree who does what and by when",
                        "give the person a copy they can use",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "fill the plan with services the person has not chosen",
                        "use clinical jargon in a plan written for the person",
                    ],
                    label="Don't",
                ),
            ],
        },
        {
            "title": "Following up and moving on",
            "slug": "following-up",
            "summary": "Review the plan, respond when things do not go to plan, and end well.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>A plan is only the start. Most of the difference you make comes from "
                    "following up: checking how things went, solving problems together and "
                    "changing the plan when life changes.</p>"
                    "<h2>Reviewing the plan</h2>"
                    "<p>At each review, go back to what matters to the person. Ask:</p>"
                    "<ul>"
                    "<li>What has gone well since we last spoke?</li>"
                    "<li>What got in the way?</li>"
                    "<li>Does the goal still matter to you, or has something changed?</li>"
                    "<li>What would you like to do next?</li>"
                    "</ul>"
                    "<p>Notice and celebrate progress, however small. Going to a group once, "
                    "or making a phone call that felt impossible, is an achievement.</p>"
                    "<h2>When things do not go to plan</h2>"
                    "<p>People often do not do what was agreed. That is normal, and it is "
                    "useful information. Ask, without judgement, what got in the way. It may "
                    "be practical, such as transport, money or timing. It may be anxiety about "
                    "walking into a room of strangers.</p>"
                    "<p>You might offer to go with the person the first time, or introduce "
                    "them to someone at the group before they go. Or you might agree that the "
                    "goal no longer fits and change it.</p>"
                ),
                inset(
                    "<p>'Did not attend' is not the end of the story. Ask why, and change the "
                    "plan, before you think about closing the case.</p>"
                ),
                paragraph(
                    "<h2>Keeping in touch with referrers and groups</h2>"
                    "<p>With the person's agreement, let the person who referred them know "
                    "what happened. This builds trust in social prescribing and helps "
                    "clinicians make good referrals.</p>"
                    "<p>Keep in touch with the community groups you refer to. Ask how people "
                    "are settling in and whether the group can cope with more referrals. If a "
                    "group is struggling, that is something to raise with your PCN and local "
                    "partners.</p>"
                    "<h2>Ending well</h2>"
                    "<p>Social prescribing is not meant to last for ever. The aim is for the "
                    "person to feel connected and more able to manage things themselves. "
                    "Talk about the ending from early on, so it is not a surprise.</p>"
                    "<p>At the end, review the plan together. Look at what has changed, "
                    "including any wellbeing measure you used at the start. Make sure the "
                    "person knows how to come back if they need to, and record the outcome in "
                    "the clinical system.</p>"
                ),
                details(
                    "How often should I follow up?",
                    "<p>There is no single rule. Agree it with the person and follow your PCN's "
                    "guidance. Some people need weekly contact for a while. Others need a "
                    "phone call after a month.</p>"
                    "<p>Talk about your caseload with your supervisor if you cannot follow up "
                    "as often as people need.</p>",
                ),
            ],
        },
    ],
    "questions": [
        question(
            "Which of these is one of the 6 parts of NHS England's comprehensive model of "
            "personalised care?",
            [
                ("Social prescribing and community-based support", RIGHT),
                ("Annual health checks for everyone over 40", WRONG),
                ("Payment by results for GP practices", WRONG),
                ("Group therapy for everyone with a long-term condition", WRONG),
            ],
            "Social prescribing and community-based support is one of the 6 parts. The others "
            "are shared decision making, personalised care and support planning, enabling "
            "choice, supported self-management, and personal health budgets and integrated "
            "personal budgets.",
        ),
        question(
            "Which of these are part of an asset-based approach? Choose every answer that applies.",
            [
                ("Asking about the skills and interests the person already has", RIGHT),
                ("Finding out who already supports them, such as family or neighbours", RIGHT),
                ("Looking at what the local community offers, including informal groups", RIGHT),
                ("Starting with a checklist of the person's problems and diagnoses", WRONG),
                ("Choosing a service for the person before you meet them", WRONG),
            ],
            "An asset-based approach starts from what the person and their community already "
            "have: skills, interests, relationships and local groups and places. It does not "
            "ignore problems, but it does not start with them, and it never decides for the "
            "person.",
        ),
        question(
            "A person was referred to you for loneliness. They tell you the thing that matters "
            "most right now is their rent arrears. What should you do first?",
            [
                ("Start with the rent arrears, and come back to loneliness if they want to", RIGHT),
                ("Explain that you can only help with the reason they were referred", WRONG),
                ("Refer them to a befriending service, as the referrer asked", WRONG),
                ("Close the referral and tell the GP it was not suitable", WRONG),
            ],
            "Start from what matters to the person. Money worries often affect wellbeing and "
            "can stop people doing anything else. Helping with what matters most builds trust, "
            "and loneliness can be picked up later if the person wants that.",
        ),
        question(
            "Which of these help a 'what matters to me' conversation? Choose every answer "
            "that applies.",
            [
                ("Asking open questions", RIGHT),
                ("Reflecting back what you heard so the person can correct you", RIGHT),
                ("Summarising and checking you have understood", RIGHT),
                ("Filling silences quickly so the person does not feel awkward", WRONG),
                ("Moving to solutions as early as possible", WRONG),
            ],
            "Open questions, reflecting and summarising help the person lead and show that you "
            "have understood. Silences often come before the most important things are said, "
            "and jumping to solutions can mean you solve the wrong problem.",
        ),
        question(
            "Which question is most likely to open up what matters to someone?",
            [
                ("What would a good week look like for you?", RIGHT),
                ("Are you taking your medication as prescribed?", WRONG),
                ("Have you tried the walking group yet?", WRONG),
                ("Would you say you are lonely, yes or no?", WRONG),
            ],
            "'What would a good week look like for you?' is open and invites the person to "
            "talk about their life in their own terms. The others are closed questions, or "
            "steer the person towards an answer you already have in mind.",
        ),
        question(
            "Whose words should the goals in a personalised care and support plan be written in?",
            [
                ("The person's own words", RIGHT),
                ("Clinical language, so the GP can understand them", WRONG),
                ("The link worker's professional summary", WRONG),
                ("The words used in the referral", WRONG),
            ],
            "The plan belongs to the person, so goals are written in their own words. This "
            "helps them recognise the plan as theirs and makes it more likely they will "
            "follow it.",
        ),
        question(
            "What should a simple personalised care and support plan include? Choose every "
            "answer that applies.",
            [
                ("What matters to the person and their goals", RIGHT),
                ("Small steps, and who will do what by when", RIGHT),
                ("When and how you will review it together", RIGHT),
                ("A list of things the person has not managed in the past", WRONG),
                ("Your private opinions about the person", WRONG),
            ],
            "A good plan records what matters, the goals, the steps with who does what and by "
            "when, what to do if things get harder, and when you will review it. It is the "
            "person's plan and they have a copy, so it has no judgements about them.",
        ),
        question(
            "What does shared decision making mean?",
            [
                (
                    "The person and the professional choose together, using good information "
                    "and what matters to the person",
                    RIGHT,
                ),
                ("The professional decides and then explains the decision", WRONG),
                ("The person decides alone, without information from professionals", WRONG),
                ("The person's family decides on their behalf", WRONG),
            ],
            "In shared decision making, the professional brings information about the options, "
            "and the person brings their values, preferences and experience. They reach the "
            "decision together.",
        ),
        question(
            "When you help someone think through an option, what does BRAN stand for?",
            [
                ("Benefits, risks, alternatives, and what happens if they do nothing", RIGHT),
                ("Budget, referral, appointment, next steps", WRONG),
                ("Barriers, resources, actions, needs", WRONG),
                ("Background, reason, assessment, notes", WRONG),
            ],
            "BRAN is a simple prompt: the benefits, the risks, the alternatives, and what "
            "happens if they do nothing for now. Doing nothing for now is a real option.",
        ),
        question(
            "At a follow-up, the person has not gone to the group you agreed. Which responses "
            "fit a personalised approach? Choose every answer that applies.",
            [
                ("Ask, without judgement, what got in the way", RIGHT),
                ("Offer to go with them the first time, or introduce them to someone there", RIGHT),
                ("Check whether the goal still matters to them, and change it if not", RIGHT),
                ("Record that they did not engage and close the case", WRONG),
                ("Remind them that their GP expects them to go", WRONG),
            ],
            "Not going is useful information. Find out what got in the way, offer practical "
            "help such as going together, and check the goal still fits. Closing the case or "
            "using pressure does not respect what matters to the person.",
        ),
    ],
}


# -- module 2: safeguarding adults -----------------------------------------------------------

SAFEGUARDING = {
    "title": "Safeguarding adults for link workers",
    "slug": "safeguarding-adults",
    "summary": (
        "Recognise abuse and neglect, including self-neglect, and know what to do when you are "
        "worried, while keeping the person at the centre and yourself safe."
    ),
    "description": (
        "<p>For every link worker, whatever your background. It covers adults; if you are "
        "worried about a child, follow your PCN's child safeguarding procedures.</p>"
        "<p>This module gives a general picture. Your employer's safeguarding policy and your "
        "local authority's procedures say exactly what to do where you work: read them "
        "alongside it.</p>"
        "<ul>"
        "<li>5 lessons with real-life examples</li>"
        "<li>an assessment of 10 questions</li>"
        "<li>a certificate and CPD hours when you pass</li>"
        "</ul>"
    ),
    "learning_outcomes": [
        outcome("Describe the 6 safeguarding principles in the Care Act 2014 statutory guidance."),
        outcome("Recognise the types of abuse and neglect, including self-neglect."),
        outcome("Work in a way that makes safeguarding personal and respects mental capacity."),
        outcome("Know what to do, who to tell and what to record when you have a concern."),
        outcome(
            "Share information lawfully and keep professional boundaries and lone working safe."
        ),
    ],
    "cpd_hours": Decimal("3.5"),
    "accrediting_body": ACCREDITING_BODY,
    "pass_mark": 80,
    "max_attempts": 3,
    "shuffle": True,
    "questions_per_attempt": None,
    "prerequisites": [],
    "lessons": [
        {
            "title": "Safeguarding adults and the Care Act 2014",
            "slug": "safeguarding-and-the-care-act",
            "summary": "What safeguarding means, who it is for, and the 6 principles behind it.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>Safeguarding adults means protecting an adult's right to live in "
                    "safety, free from abuse and neglect. It is everyone's business. As a link "
                    "worker you spend time with people, often in their own community, and you "
                    "may be the first person they trust enough to tell.</p>"
                    "<h2>The law in England</h2>"
                    "<p>The Care Act 2014 sets out how adults should be safeguarded in England. "
                    "Local authorities lead. They must make enquiries, or ask others to, when "
                    "they have reasonable cause to suspect that an adult:</p>"
                    "<ul>"
                    "<li>has needs for care and support (whether or not these are being met)</li>"
                    "<li>is experiencing, or is at risk of, abuse or neglect</li>"
                    "<li>because of those needs, cannot protect themselves from it</li>"
                    "</ul>"
                    "<p>This duty is in section 42 of the Act, so you may hear people talk "
                    "about a 'section 42 enquiry'. Each local authority area also has a "
                    "Safeguarding Adults Board, which brings partners such as the NHS and the "
                    "police together and publishes local procedures.</p>"
                    "<p>You do not decide whether the legal test is met. Your job is to notice, "
                    "listen, act on your concern and pass it on through the right route.</p>"
                    "<h2>The 6 principles</h2>"
                    "<p>The statutory guidance that goes with the Care Act sets out 6 "
                    "principles. They apply to everyone who works with adults.</p>"
                ),
                table(
                    "The 6 safeguarding principles and what they look like in your work",
                    ["Principle", "What it means", "In your work"],
                    [
                        [
                            "Empowerment",
                            "People are supported to make their own decisions, with informed consent.",
                            "Ask the person what they want to happen.",
                        ],
                        [
                            "Prevention",
                            "It is better to act before harm happens.",
                            "Connect people to support that reduces isolation and risk.",
                        ],
                        [
                            "Proportionality",
                            "The least intrusive response that fits the risk.",
                            "Match what you do to how serious the risk is.",
                        ],
                        [
                            "Protection",
                            "Support and representation for those in greatest need.",
                            "Act quickly when someone cannot protect themselves.",
                        ],
                        [
                            "Partnership",
                            "Local solutions through services working with communities.",
                            "Work with the practice, the council and community groups.",
                        ],
                        [
                            "Accountability",
                            "Being open and accountable in safeguarding.",
                            "Record what you did and why, and know your role.",
                        ],
                    ],
                ),
                inset(
                    "<p>The principles pull in different directions at times. Empowerment and "
                    "protection can feel at odds. Talking it through with your safeguarding "
                    "lead or supervisor helps you find the balance.</p>"
                ),
                details(
                    "What about children?",
                    "<p>You work with adults, but you will meet families. If something you hear "
                    "suggests a child may be at risk, follow your PCN's child safeguarding "
                    "procedures and speak to the safeguarding lead.</p>"
                    "<p>Thinking about the whole family, sometimes called 'Think Family', "
                    "matters. An adult's problems, such as domestic abuse or substance misuse, "
                    "can put children at risk too.</p>",
                ),
            ],
        },
        {
            "title": "Recognising abuse and neglect, including self-neglect",
            "slug": "recognising-abuse-and-neglect",
            "summary": "The types of abuse and neglect, the signs, and why self-neglect needs a careful response.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>Abuse can happen anywhere: at home, in a care setting, online or in "
                    "the community. It can be done by a partner, a relative, a carer, a "
                    "professional, a stranger or someone the person thinks of as a friend. It "
                    "can be a single act or happen over time.</p>"
                    "<h2>Types of abuse and neglect</h2>"
                    "<p>The Care Act statutory guidance lists these types. They often overlap.</p>"
                ),
                table(
                    "Types of abuse and neglect, with examples",
                    ["Type", "Examples"],
                    [
                        [
                            "Physical abuse",
                            "Hitting, pushing, restraint that is not justified, misuse of medicines.",
                        ],
                        [
                            "Domestic abuse",
                            "Abuse by a partner or family member, including coercive and controlling behaviour.",
                        ],
                        [
                            "Sexual abuse",
                            "Any sexual act or contact the person has not agreed to or could not agree to.",
                        ],
                        [
                            "Psychological abuse",
                            "Threats, humiliation, blaming, isolating someone or controlling who they see.",
                        ],
                        [
                            "Financial or material abuse",
                            "Theft, fraud, scams, pressure over wills or property, misuse of benefits.",
                        ],
                        ["Modern slavery", "Forced labour, human trafficking, domestic servitude."],
                        [
                            "Discriminatory abuse",
                            "Harassment or unequal treatment because of race, sex, disability, age, religion or sexual orientation.",
                        ],
                        [
                            "Organisational abuse",
                            "Poor care or neglect in a care home, hospital or service, through its routines or culture.",
                        ],
                        [
                            "Neglect and acts of omission",
                            "Not meeting someone's care, food, heating or medical needs when you are responsible for them.",
                        ],
                        [
                            "Self-neglect",
                            "Not looking after one's own hygiene, health or home, often including hoarding.",
                        ],
                    ],
                ),
                paragraph(
                    "<h2>Signs to look out for</h2>"
                    "<p>No single sign proves abuse. Look for patterns, and for things that do "
                    "not add up. For example:</p>"
                    "<ul>"
                    "<li>injuries that are not explained, or explained in different ways</li>"
                    "<li>the person seems afraid of someone, or is never seen alone</li>"
                    "<li>sudden changes in mood, weight or behaviour</li>"
                    "<li>no money for food or bills, even though they have an income</li>"
                    "<li>someone else answering for them, or stopping them from seeing you</li>"
                    "<li>missed appointments and a home or appearance that is getting worse</li>"
                    "</ul>"
                    "<p>People who are lonely or isolated, which is many of the people referred "
                    "to you, can be more at risk of scams and of people who befriend them to "
                    "exploit them.</p>"
                ),
                paragraph(
                    "<h2>Self-neglect</h2>"
                    "<p>Self-neglect covers a wide range of behaviour. It includes not caring "
                    "for one's personal hygiene, health or surroundings, and behaviour such as "
                    "hoarding. It can come with refusing help from services.</p>"
                    "<p>Self-neglect is hard because adults with mental capacity have the right "
                    "to live as they choose. But self-neglect can also be linked to depression, "
                    "grief, trauma, dementia or a long-term condition, and it can put the "
                    "person's life at risk.</p>"
                    "<p>What helps is patience and a relationship of trust: often the kind of "
                    "time a link worker can give. Find out what matters to the person and what "
                    "sits behind the situation. Share your concern through your safeguarding "
                    "route, because a local authority may need to be involved, especially if "
                    "the person cannot protect themselves by controlling their own behaviour.</p>"
                ),
                expander(
                    "An example: a hoarded home",
                    "<p>Derek, 68, was referred by a practice nurse who noticed he had stopped "
                    "coming to his diabetes reviews. When you visit with a colleague, the hall "
                    "is blocked with boxes and the kitchen is not usable.</p>"
                    "<p>Derek is polite but says he is fine. You do not argue. You listen, and "
                    "learn that things got worse after his wife died. You agree to come back, "
                    "and that evening you talk to your safeguarding lead about the fire risk "
                    "and his health. With his agreement, the fire service offers a home safety "
                    "visit.</p>",
                ),
                inset(
                    "<p>Trust your instinct. If something feels wrong, it is better to talk it "
                    "through with your safeguarding lead than to wait for proof.</p>"
                ),
            ],
        },
        {
            "title": "Making safeguarding personal, capacity and consent",
            "slug": "making-safeguarding-personal",
            "summary": "Keep the person at the centre, respect their capacity to decide, and share information lawfully.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>Safeguarding should be done with people, not to them. Making "
                    "Safeguarding Personal is the approach that puts this into practice. It "
                    "fits closely with the 'what matters to me' approach you already use.</p>"
                    "<h2>Making Safeguarding Personal</h2>"
                    "<p>It means:</p>"
                    "<ul>"
                    "<li>talking with the person about the outcomes they want: what would "
                    "make them feel safer?</li>"
                    "<li>keeping them involved and informed at every stage</li>"
                    "<li>respecting their choices, while being honest about risks</li>"
                    "<li>using an advocate or trusted person if they need help to take "
                    "part</li>"
                    "</ul>"
                    "<p>Success is measured by whether the person's situation improved in the "
                    "way they wanted, not only by whether a process was followed.</p>"
                    "<h2>Mental capacity</h2>"
                    "<p>The Mental Capacity Act 2005 applies to people aged 16 and over. It "
                    "has 5 principles:</p>"
                    "<ol>"
                    "<li>Assume a person has capacity unless it is shown that they lack it.</li>"
                    "<li>Give all practical help to make a decision before deciding someone "
                    "cannot.</li>"
                    "<li>An unwise decision does not, by itself, mean a person lacks "
                    "capacity.</li>"
                    "<li>Anything done for a person who lacks capacity must be in their best "
                    "interests.</li>"
                    "<li>Choose the option that restricts their rights and freedom least.</li>"
                    "</ol>"
                    "<p>Capacity is about a particular decision at a particular time. Someone "
                    "may be able to decide about one thing but not another, or may be able to "
                    "decide on a good day. If you have doubts about someone's capacity, raise "
                    "them with your supervisor or safeguarding lead. You are not expected to "
                    "carry out formal capacity assessments.</p>"
                ),
                paragraph(
                    "<h2>Consent and sharing information</h2>"
                    "<p>Where you can, talk to the person about your concern and ask for their "
                    "consent before you share information. Explain who you will tell and "
                    "why.</p>"
                    "<p>But data protection law does not stop you sharing information to keep "
                    "people safe. You may share without consent when, for example:</p>"
                    "<ul>"
                    "<li>other people, including children, may be at risk</li>"
                    "<li>a crime has been, or may be, committed</li>"
                    "<li>the person lacks capacity to decide and sharing is in their best "
                    "interests</li>"
                    "<li>the person is being coerced or controlled by someone else</li>"
                    "<li>the risk is so serious that it outweighs their wish for "
                    "confidentiality</li>"
                    "</ul>"
                    "<p>Share only what is necessary, with the people who need it, accurately, "
                    "promptly and securely. Record what you shared, with whom, and why. If you "
                    "are not sure, ask your safeguarding lead or your organisation's Caldicott "
                    "guardian or data protection officer.</p>"
                ),
                warning(
                    "Never promise to keep a secret",
                    "<p>If someone tells you about abuse, you cannot promise to keep it to "
                    "yourself. Explain kindly that you may need to share it to keep them or "
                    "others safe, and that you will talk to them about it first where you "
                    "can.</p>",
                ),
                details(
                    "When a person with capacity says no",
                    "<p>An adult with capacity can refuse help, even if you think their choice "
                    "is unwise. Respect that, keep the door open and record their decision.</p>"
                    "<p>You should still talk to your safeguarding lead. Others may be at risk, "
                    "or the person may be under pressure from someone else. It may still be "
                    "right to share information even though the person has said no.</p>",
                ),
            ],
        },
        {
            "title": "What to do when you have a concern",
            "slug": "when-you-have-a-concern",
            "summary": "Respond safely, tell the right people, and record what happened.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>When you are worried about someone, you do not have to be certain, and "
                    "you do not have to sort it out alone. You need to act on your concern and "
                    "pass it on through the right route, without delay.</p>"
                ),
                care_card(
                    "immediate",
                    "If someone is in immediate danger",
                    "<p>Call 999 if someone is in immediate danger, or needs urgent medical "
                    "help.</p>"
                    "<p>Then tell your safeguarding lead as soon as you can, and follow your "
                    "PCN's safeguarding policy.</p>",
                ),
                paragraph(
                    "<h2>The steps to take</h2>"
                    "<ol>"
                    "<li><b>Make sure people are safe.</b> If anyone is in immediate danger, "
                    "call 999.</li>"
                    "<li><b>Listen.</b> Let the person talk. Stay calm, take them seriously "
                    "and do not ask leading questions.</li>"
                    "<li><b>Talk to the person about what they want</b>, where it is safe to "
                    "do so, and explain what you will do next.</li>"
                    "<li><b>Tell your practice or PCN safeguarding lead</b> the same day, "
                    "following your PCN's safeguarding policy. If they are not available, use "
                    "the route your policy gives, such as a deputy or your supervisor.</li>"
                    "<li><b>Raise a concern with the local authority</b> if your policy and "
                    "safeguarding lead say so. Each local authority has its own form or phone "
                    "line, set out in the local procedures.</li>"
                    "<li><b>Record it</b>, clearly and promptly, in the clinical system or "
                    "where your policy says.</li>"
                    "</ol>"
                ),
                do_list(
                    [
                        "take what the person tells you seriously",
                        "write down what they said, in their words where you can",
                        "keep any evidence safe and unchanged",
                        "ask for support for yourself afterwards",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "investigate or question the person in depth: that is for others to do",
                        "confront the person you think is causing harm",
                        "promise to keep what you are told a secret",
                        "wait for proof before you tell anyone",
                    ],
                    label="Don't",
                ),
                table(
                    "What to record about a safeguarding concern",
                    ["Record", "Why it matters"],
                    [
                        [
                            "Date, time and place, and who was there",
                            "Shows when and how the concern came to light.",
                        ],
                        [
                            "What the person said, in their own words",
                            "Avoids your interpretation changing the meaning.",
                        ],
                        [
                            "What you saw, as facts",
                            "Separates what you observed from what you think.",
                        ],
                        ["What the person wants to happen", "Keeps safeguarding personal."],
                        [
                            "Who you told, when, and what they advised",
                            "Shows the concern was passed on and acted on.",
                        ],
                        [
                            "Decisions about sharing, and why",
                            "Shows information was shared lawfully.",
                        ],
                    ],
                ),
                inset(
                    "<p>Hearing about abuse can be upsetting. Use supervision to talk it "
                    "through. Your own wellbeing matters too.</p>"
                ),
                details(
                    "Domestic abuse and risk assessment",
                    "<p>If someone tells you about domestic abuse, your PCN may use a risk "
                    "assessment tool and may refer high-risk cases to a multi-agency risk "
                    "assessment conference (MARAC). Ask your safeguarding lead how this works "
                    "locally.</p>"
                    "<p>Only talk about abuse when the person is alone and it is safe. Agree a "
                    "safe way to contact them.</p>",
                ),
            ],
        },
        {
            "title": "Professional boundaries and lone working",
            "slug": "boundaries-and-lone-working",
            "summary": "Keep relationships professional and keep yourself safe when you work alone.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>Your work is built on relationships. People may tell you things they "
                    "have told no one else. That trust depends on clear professional "
                    "boundaries, which protect the person and protect you.</p>"
                    "<h2>Professional boundaries</h2>"
                    "<p>A boundary is the line between a professional relationship and a "
                    "personal one. Crossing it can confuse the person, create dependence, "
                    "and put them or you at risk.</p>"
                    "<p>Common situations link workers meet:</p>"
                    "<ul>"
                    "<li>a person asks for your personal phone number, or to be friends on "
                    "social media</li>"
                    "<li>you are offered a gift, money or a favour</li>"
                    "<li>you see a person outside work, for example at a community event</li>"
                    "<li>you find yourself doing things for someone that they could do with "
                    "support</li>"
                    "<li>you know the person from your personal life</li>"
                    "</ul>"
                    "<p>Your employer's policies on gifts, social media and conflicts of "
                    "interest tell you what to do. If you are unsure, talk to your supervisor. "
                    "Raising a boundary question is good practice, not a sign that something "
                    "went wrong.</p>"
                ),
                do_list(
                    [
                        "use your work phone and email only",
                        "explain your role and how long you will work together",
                        "tell your supervisor if you know a person from outside work",
                        "support people to do things themselves where they can",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "give out your personal number or accept social media requests",
                        "lend or borrow money, or accept gifts your policy does not allow",
                        "share your own problems in a way that shifts the focus to you",
                    ],
                    label="Don't",
                ),
                paragraph(
                    "<h2>Lone working</h2>"
                    "<p>Link workers often work alone: on home visits, in community venues, "
                    "on the phone. Your employer must assess the risks and have a lone working "
                    "policy. Read it and follow it every time.</p>"
                    "<p>Good practice usually includes:</p>"
                    "<ul>"
                    "<li>checking the referral and records for any known risks before you "
                    "arrange to meet</li>"
                    "<li>meeting for the first time at the surgery or a public place if there "
                    "are any concerns</li>"
                    "<li>leaving details of where you are going and when you will be back, and "
                    "checking in and out with a colleague or system</li>"
                    "<li>carrying a charged phone, and a lone worker device if you have one</li>"
                    "<li>agreeing a code word to use if you need help without alarming "
                    "anyone</li>"
                    "</ul>"
                ),
                warning(
                    "If you feel unsafe, leave",
                    "<p>You can end a visit at any time if you feel unsafe. Make an excuse if "
                    "you need to, and leave. Call 999 if you are in danger. Report what "
                    "happened to your manager afterwards, so risks can be recorded and others "
                    "kept safe.</p>",
                ),
                details(
                    "Working alone on the phone or video",
                    "<p>Remote contact has risks too. A person may become distressed, or you "
                    "may hear something worrying in the background. Know who to call for "
                    "advice while you are still on the line, and how to get emergency help to "
                    "the person's address if you need to.</p>",
                ),
            ],
        },
    ],
    "questions": [
        question(
            "Which of these are among the 6 safeguarding principles in the Care Act 2014 "
            "statutory guidance? Choose every answer that applies.",
            [
                ("Empowerment", RIGHT),
                ("Proportionality", RIGHT),
                ("Accountability", RIGHT),
                ("Confidentiality", WRONG),
                ("Compliance", WRONG),
            ],
            "The 6 principles are empowerment, prevention, proportionality, protection, "
            "partnership and accountability. Confidentiality matters, but it is not one of the "
            "6, and it does not stop you sharing information to keep someone safe.",
        ),
        question(
            "Which principle is about choosing the least intrusive response that fits the risk?",
            [
                ("Proportionality", RIGHT),
                ("Protection", WRONG),
                ("Prevention", WRONG),
                ("Partnership", WRONG),
            ],
            "Proportionality means matching your response to the risk, and choosing the least "
            "intrusive one that will work. Protection is about support for people in greatest "
            "need; prevention is about acting before harm happens.",
        ),
        question(
            "Which of these are types of abuse or neglect in the Care Act statutory guidance? "
            "Choose every answer that applies.",
            [
                ("Self-neglect", RIGHT),
                ("Financial or material abuse", RIGHT),
                ("Discriminatory abuse", RIGHT),
                ("Modern slavery", RIGHT),
                ("A person with capacity making a choice others think unwise", WRONG),
            ],
            "Self-neglect, financial or material abuse, discriminatory abuse and modern slavery "
            "are all listed, with physical, domestic, sexual, psychological and organisational "
            "abuse and neglect. An unwise choice made by someone with capacity is not abuse in "
            "itself.",
        ),
        question(
            "A person tells you their son takes their pension each week and they have no money "
            "left for food. They are not in immediate danger. What should you do?",
            [
                (
                    "Listen, explain what you will do, and tell your safeguarding lead today, "
                    "following your PCN's policy",
                    RIGHT,
                ),
                ("Speak to the son about it the next time you see him", WRONG),
                ("Wait until you have more evidence before telling anyone", WRONG),
                ("Promise the person you will keep it between the two of you", WRONG),
            ],
            "This could be financial abuse. Listen, talk with the person about what they want, "
            "and pass on your concern the same day through your PCN's safeguarding policy. Do "
            "not investigate or confront anyone, do not wait for proof, and never promise to "
            "keep abuse secret.",
        ),
        question(
            "When should you call 999?",
            [
                ("When someone is in immediate danger or needs urgent medical help", RIGHT),
                ("Whenever you have any safeguarding concern", WRONG),
                ("Only after you have spoken to your safeguarding lead", WRONG),
                ("Only if the person agrees to it", WRONG),
            ],
            "Call 999 when someone is in immediate danger or needs urgent medical help, "
            "without waiting to speak to anyone first. Other concerns go through your PCN's "
            "safeguarding policy and your safeguarding lead.",
        ),
        question(
            "What does Making Safeguarding Personal mean?",
            [
                (
                    "Working with the person on the outcomes they want, and keeping them "
                    "involved throughout",
                    RIGHT,
                ),
                ("Dealing with safeguarding yourself instead of involving other people", WRONG),
                ("Never sharing personal information about a safeguarding concern", WRONG),
                ("Only the person at risk can raise a safeguarding concern", WRONG),
            ],
            "Making Safeguarding Personal means safeguarding is done with the person, not to "
            "them: asking what would make them feel safer and measuring success by whether "
            "that happened.",
        ),
        question(
            "In which of these situations may you share information about a safeguarding "
            "concern without the person's consent? Choose every answer that applies.",
            [
                ("Other people, such as children, may be at risk", RIGHT),
                (
                    "The person lacks capacity to decide and sharing is in their best interests",
                    RIGHT,
                ),
                ("A serious crime has been, or may be, committed", RIGHT),
                ("A colleague who is not involved asks out of interest", WRONG),
                ("Never: you always need consent to share", WRONG),
            ],
            "Data protection law does not stop you sharing to keep people safe. You may share "
            "without consent when others are at risk, a crime may be involved, the person lacks "
            "capacity and it is in their best interests, or the risk is serious. Share only "
            "what is needed, with those who need it, and record why.",
        ),
        question(
            "Which of these is a principle of the Mental Capacity Act 2005?",
            [
                ("Assume a person has capacity unless it is shown that they lack it", RIGHT),
                ("Assume people over 80 lack capacity unless shown otherwise", WRONG),
                ("An unwise decision shows that a person lacks capacity", WRONG),
                ("Once assessed, capacity applies to every decision the person makes", WRONG),
            ],
            "The Act starts by assuming capacity. An unwise decision does not by itself mean "
            "someone lacks capacity, and capacity is about a particular decision at a "
            "particular time, not a person's age or a one-off assessment.",
        ),
        question(
            "What should your record of a safeguarding concern include? Choose every answer "
            "that applies.",
            [
                ("The date, time and place, and who was there", RIGHT),
                ("What the person said, in their own words where you can", RIGHT),
                ("Who you told, when, and what they advised", RIGHT),
                ("Your guesses about who is to blame, written as fact", WRONG),
                ("Nothing until the local authority decides whether to act", WRONG),
            ],
            "Record promptly and factually: when and where, who was there, the person's own "
            "words, what you saw, what they want, who you told and why you shared information. "
            "Keep opinion separate from fact.",
        ),
        question(
            "Which of these keep professional boundaries and lone working safe? Choose every "
            "answer that applies.",
            [
                ("Telling a colleague where you are going and when you expect to be back", RIGHT),
                ("Leaving a visit straight away if you feel unsafe", RIGHT),
                ("Following your employer's lone working policy", RIGHT),
                ("Giving people your personal mobile number so they can always reach you", WRONG),
                ("Accepting social media friend requests from people you support", WRONG),
            ],
            "Follow your employer's lone working policy, let someone know where you are, and "
            "leave if you feel unsafe. Personal numbers and social media connections cross "
            "professional boundaries and can put the person and you at risk.",
        ),
    ],
}


# -- module 3: measuring impact ----------------------------------------------------------------

MEASURING_IMPACT = {
    "title": "Measuring impact with the Common Outcomes Framework",
    "slug": "measuring-impact",
    "summary": (
        "Show the difference social prescribing makes for people, the health and care system "
        "and community groups, with wellbeing measures, good records and case studies."
    ),
    "description": (
        "<p>For link workers who have completed the personalised care module and want to "
        "show, and improve, the difference their work makes.</p>"
        "<ul>"
        "<li>4 lessons on measures, records, case studies and using data</li>"
        "<li>an assessment of 8 questions drawn from a bank of 10</li>"
        "<li>a certificate and CPD hours when you pass</li>"
        "</ul>"
    ),
    "learning_outcomes": [
        outcome("Describe the 3 audiences of the Common Outcomes Framework."),
        outcome("Use a validated wellbeing measure with a person, with their consent."),
        outcome("Record referrals and your work in the clinical system using SNOMED CT codes."),
        outcome("Write a case study with the person's consent, without identifying them."),
        outcome("Use data with your team and partners to improve the service."),
    ],
    "cpd_hours": Decimal("2.5"),
    "accrediting_body": ACCREDITING_BODY,
    "pass_mark": 80,
    "max_attempts": 3,
    "shuffle": True,
    "questions_per_attempt": 8,
    "prerequisites": ["personalised-care-conversations"],
    "lessons": [
        {
            "title": "The Common Outcomes Framework",
            "slug": "common-outcomes-framework",
            "summary": "Why outcomes matter, and the 3 audiences the framework measures for.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>There is emerging evidence that social prescribing can improve "
                    "people's quality of life and emotional wellbeing. It may also reduce how "
                    "often people use NHS services, such as GP appointments. Around 6 in 10 "
                    "GPs (59%) think it can help reduce their workload.</p>"
                    "<p>But the evidence needs to be stronger and more consistent. That is "
                    "where you come in. The information you gather, added to that of link "
                    "workers across England, builds the picture.</p>"
                    "<h2>What the framework is</h2>"
                    "<p>The Common Outcomes Framework is part of NHS England's Summary Guide "
                    "to social prescribing. It is one of the 6 elements of the standard model. "
                    "It gives everyone a shared way to describe the difference social "
                    "prescribing makes, so results from different places can be compared "
                    "and added together.</p>"
                    "<p>It looks at impact on 3 audiences.</p>"
                ),
                table(
                    "The 3 audiences of the Common Outcomes Framework",
                    ["Audience", "What it asks", "Examples of what you might gather"],
                    [
                        [
                            "The person",
                            "Has their health and wellbeing improved? Do they feel more connected and in control?",
                            "A wellbeing measure at the start and end; the person's own account.",
                        ],
                        [
                            "The health and care system",
                            "Has the way people use services changed? Is the system getting more value?",
                            "Coded referrals and contacts; changes in GP or other service use, looked at across many people.",
                        ],
                        [
                            "Community groups",
                            "Are the groups people are connected to accessible, sustainable and able to cope?",
                            "Referrals each group receives; feedback from groups on capacity, volunteers and funding.",
                        ],
                    ],
                ),
                inset(
                    "<p>Numbers and stories work together. A change in wellbeing scores shows "
                    "the scale; a case study shows how and why the change happened.</p>"
                ),
                paragraph(
                    "<h2>Why it matters to you</h2>"
                    "<p>Measuring outcomes can feel like paperwork. But it helps you:</p>"
                    "<ul>"
                    "<li>see what is working for the people you support</li>"
                    "<li>show your PCN and partners the value of your role</li>"
                    "<li>spot gaps in community support, and make the case for funding</li>"
                    "<li>add to the national evidence for social prescribing</li>"
                    "</ul>"
                    "<p>Good measurement is part of good practice. It should never get in the "
                    "way of the relationship with the person, and no one should be refused "
                    "support because they do not want to take part in it.</p>"
                ),
                details(
                    "Why it is hard to measure impact on services",
                    "<p>Many things affect how often someone sees a GP, and people are "
                    "often referred at a crisis point, when their service use is highest. "
                    "Use is likely to fall afterwards whatever happens.</p>"
                    "<p>So be careful about claiming that social prescribing caused a change "
                    "for one person. Service use is best looked at across many people, ideally "
                    "with help from your PCN's data lead or a local evaluation partner.</p>",
                ),
            ],
        },
        {
            "title": "Measuring wellbeing with the person",
            "slug": "measuring-wellbeing",
            "summary": "Choose and use a validated wellbeing tool, with consent, at the start and the end.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>The framework asks for the impact on the person to be measured with a "
                    "validated tool. Validated means it has been tested to show it measures "
                    "what it says it measures, reliably. Your PCN or local scheme will usually "
                    "choose the tool, so everyone in your area uses the same one.</p>"
                    "<h2>Tools you may use</h2>"
                ),
                table(
                    "Two wellbeing tools often used in social prescribing",
                    ["Tool", "What it covers", "How it is scored"],
                    [
                        [
                            "ONS4 (the Office for National Statistics personal wellbeing questions)",
                            "4 questions: how satisfied with life the person is, how worthwhile they feel what they do is, how happy they felt yesterday and how anxious they felt yesterday.",
                            "Each from 0 to 10. Higher is better for the first 3; lower is better for anxiety. Scores are looked at one by one, not added up.",
                        ],
                        [
                            "WEMWBS (the Warwick-Edinburgh Mental Wellbeing Scale)",
                            "14 positively worded statements about feelings and functioning over the last 2 weeks.",
                            "Each from 1 to 5, giving a total from 14 to 70. Higher is better.",
                        ],
                        [
                            "SWEMWBS (the short version of WEMWBS)",
                            "7 of the 14 statements.",
                            "Each from 1 to 5; the total is converted using a published table.",
                        ],
                    ],
                ),
                paragraph(
                    "<p>ONS4 is quick and is also used in national surveys, so you can compare "
                    "with the wider population. WEMWBS and SWEMWBS look at mental wellbeing in "
                    "more depth. Using WEMWBS or SWEMWBS needs a licence from its owners, which "
                    "is free for most non-commercial use: check your PCN has one.</p>"
                    "<p>Some schemes also use other tools, for example measures of loneliness, "
                    "of how confident a person feels managing their health, or of the "
                    "concerns that matter most to them. Some of these need training or a paid "
                    "licence. Use only the tools your PCN has agreed, and use them exactly as "
                    "published: changing the wording stops the results being valid.</p>"
                    "<h2>When to use a measure</h2>"
                    "<p>Use the same tool at or near the start of your work with someone, and "
                    "again at the end (or at an agreed review point). Comparing the two shows "
                    "the change. Do not use it at every contact.</p>"
                    "<p>Choose the moment with care. In a first meeting with someone in "
                    "distress, building trust comes first. You might complete the measure at "
                    "the second meeting instead.</p>"
                ),
                do_list(
                    [
                        "explain what the questions are for and who will see the answers",
                        "make clear that taking part is the person's choice",
                        "let the person answer for themselves, reading the questions aloud if that helps",
                        "record the scores in the clinical system, in the agreed template",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "fill in the answers yourself from what you have seen",
                        "change the wording of a validated tool",
                        "make support depend on completing the measure",
                    ],
                    label="Don't",
                ),
                inset(
                    "<p>If someone would rather not answer, respect that and record that the "
                    "measure was declined. Keep supporting them in the same way.</p>"
                ),
                expander(
                    "Using the measure as part of the conversation",
                    "<p>A wellbeing measure can open up a useful conversation. If someone "
                    "scores their anxiety high, you might ask what makes it worse or better.</p>"
                    "<p>At the end, look at the scores together. People are often encouraged "
                    "to see how far they have come. If a score has gone down, talk about why: "
                    "life events can knock anyone back, and that is useful to know too.</p>"
                    "<p>If answers suggest the person may be very low or at risk, follow your "
                    "PCN's procedures and talk to your clinical supervisor.</p>",
                ),
            ],
        },
        {
            "title": "Recording your work in the clinical system",
            "slug": "recording-your-work",
            "summary": "Use SNOMED CT codes and agreed templates so your work counts and the team can see it.",
            "minutes": 15,
            "body": [
                paragraph(
                    "<p>Most link workers in primary care record their work in the practice's "
                    "clinical system, such as EMIS Web or SystmOne. Recording well means the "
                    "rest of the team can see what is happening for the person, and your work "
                    "can be counted.</p>"
                    "<h2>SNOMED CT codes</h2>"
                    "<p>SNOMED CT is the standard set of clinical terms used across the NHS "
                    "in England. Each term has a code. When you record a coded entry, the "
                    "system stores it in a way that can be searched and counted consistently, "
                    "from one practice to the whole country.</p>"
                    "<p>There are nationally agreed SNOMED CT codes for social prescribing. "
                    "They include codes to record:</p>"
                    "<ul>"
                    "<li>that social prescribing was offered, or declined</li>"
                    "<li>a referral to a social prescribing link worker</li>"
                    "<li>the link worker's contacts and support with the person</li>"
                    "<li>the scores of a wellbeing measure, where your template includes them</li>"
                    "</ul>"
                    "<p>Your PCN will usually set up a template that brings the right codes "
                    "together. Ask your clinical system trainer or PCN data lead to show you "
                    "it, and to explain which codes your area uses. Codes are updated from "
                    "time to time, so use the template rather than a personal list.</p>"
                ),
                inset(
                    "<p>Code the referral as well as your own contacts. Counting referrals, "
                    "and where they come from, shows how easy referral is in your area.</p>"
                ),
                paragraph(
                    "<h2>What good records look like</h2>"
                    "<p>Codes count things; free text tells the story. A good record has "
                    "both. Write notes that are:</p>"
                    "<ul>"
                    "<li><b>prompt</b>: on the day of the contact</li>"
                    "<li><b>factual</b>: what happened, what was said, what was agreed</li>"
                    "<li><b>respectful</b>: write as if the person will read it, because "
                    "they may</li>"
                    "<li><b>clear about next steps</b>: who will do what, by when</li>"
                    "</ul>"
                    "<p>Record where the referral came from: a GP, a pharmacy, a hospital "
                    "discharge team, a housing association, the person themselves. This helps "
                    "your PCN see which routes work and which partners might need a "
                    "reminder.</p>"
                ),
                warning(
                    "Keep records secure",
                    "<p>Only look at records you need for your work with the person. Never "
                    "keep copies in personal notebooks, personal phones or emails. Follow your "
                    "organisation's data protection training and policies.</p>",
                ),
                details(
                    "What about people who are not registered with the practice?",
                    "<p>Some people referred to you, for example through self-referral or a "
                    "community partner, may be registered elsewhere. Ask your PCN how to "
                    "record your work with them so it is still counted and kept securely.</p>",
                ),
            ],
        },
        {
            "title": "Case studies, consent and using data to improve",
            "slug": "case-studies-and-improvement",
            "summary": "Tell people's stories ethically, and use what you gather to make the service better.",
            "minutes": 20,
            "body": [
                paragraph(
                    "<p>Numbers show the scale of what you do. Case studies show how change "
                    "happens, in a way that commissioners, clinicians and community groups "
                    "remember.</p>"
                    "<h2>Writing a case study</h2>"
                    "<p>A useful case study is short and honest. It usually covers:</p>"
                    "<ol>"
                    "<li>how the person came to social prescribing</li>"
                    "<li>what mattered to them, in their words where possible</li>"
                    "<li>what you did together, and who else was involved</li>"
                    "<li>what changed, including any wellbeing scores</li>"
                    "<li>what was hard, or did not work</li>"
                    "</ol>"
                    "<p>Include the difficulties. A case study that only shows a perfect "
                    "result is less believable and less useful for learning.</p>"
                    "<h2>Consent for case studies</h2>"
                    "<p>Always ask the person before you write or share their story. Explain "
                    "what it is for, who will see it and how you will protect their identity. "
                    "Record their consent in writing, following your PCN's policy, and tell "
                    "them they can change their mind.</p>"
                    "<p>Change or remove anything that could identify them: name, age, exact "
                    "place, unusual details. Small details can identify someone in a small "
                    "community. Check with the person that they are happy with the final "
                    "version.</p>"
                ),
                do_list(
                    [
                        "get written consent and record it",
                        "remove or change details that could identify the person",
                        "include what did not work as well as what did",
                    ],
                    label="Do",
                ),
                dont_list(
                    [
                        "use a name, address, date of birth or NHS number",
                        "share a story the person has not agreed to",
                    ],
                    label="Don't",
                ),
                paragraph(
                    "<h2>Using data to improve the service</h2>"
                    "<p>The point of gathering outcomes is to act on them. With your team and "
                    "supervisor, look regularly at questions such as:</p>"
                    "<ul>"
                    "<li>Who is being referred, and by whom? Who is missing?</li>"
                    "<li>How long do people wait to see you?</li>"
                    "<li>What changes for people, and for whom does it work less well?</li>"
                    "<li>Which community groups receive most referrals, and can they "
                    "cope?</li>"
                    "<li>What needs come up that no local group meets?</li>"
                    "</ul>"
                    "<p>If the data shows a gap, talk to the people involved to find out why, "
                    "try a change, and check whether it made a difference. Small cycles of "
                    "testing and learning work better than waiting for a perfect answer.</p>"
                    "<p>Share what you learn. Tell community groups how many people you "
                    "referred and what difference it made. Give your PCN and local partners "
                    "a regular summary. Be careful with small numbers: a few people can "
                    "sometimes be identified from figures alone.</p>"
                ),
                inset(
                    "<p>Outcomes for community groups count too. If a group is full, losing "
                    "volunteers or short of funding, say so: supporting groups to be "
                    "sustainable is part of social prescribing.</p>"
                ),
                expander(
                    "An example: a gap in referrals",
                    "<p>A PCN noticed few referrals for older men, though the practices knew "
                    "many were isolated. The link workers talked to a local men's shed and "
                    "to GPs.</p>"
                    "<p>They learned that men were less likely to take up an offer framed as "
                    "'support'. The team tried describing referrals as 'meeting others to "
                    "fix and make things'. Referrals rose over the next quarter, and the "
                    "shed asked for help to find a second venue.</p>",
                ),
            ],
        },
    ],
    "questions": [
        question(
            "The Common Outcomes Framework describes the impact of social prescribing for 3 "
            "audiences. Which are they?",
            [
                ("The person, the health and care system, and community groups", RIGHT),
                ("Patients, GPs and hospitals", WRONG),
                ("The link worker, the PCN and the CCG", WRONG),
                ("Commissioners, providers and regulators", WRONG),
            ],
            "The framework looks at the impact on the person, on the health and care system "
            "(the local system) and on the community groups people are connected to.",
        ),
        question(
            "The ONS4 personal wellbeing questions ask people to score 4 things. What scale is "
            "each scored on?",
            [
                ("0 to 10", RIGHT),
                ("1 to 5", WRONG),
                ("0 to 100", WRONG),
                ("Yes or no", WRONG),
            ],
            "Each of the 4 ONS questions is scored from 0 to 10. WEMWBS, a different tool, "
            "scores each of its statements from 1 to 5.",
        ),
        question(
            "For which of the 4 ONS personal wellbeing measures is a lower score better?",
            [
                ("Anxiety", RIGHT),
                ("Life satisfaction", WRONG),
                ("Happiness", WRONG),
                ("Feeling that what you do is worthwhile", WRONG),
            ],
            "For anxiety, a lower score is better. For life satisfaction, feeling worthwhile "
            "and happiness, a higher score is better. That is why the 4 scores are looked at "
            "one by one, not added together.",
        ),
        question(
            "Which of these are true of WEMWBS, the Warwick-Edinburgh Mental Wellbeing Scale? "
            "Choose every answer that applies.",
            [
                (
                    "It is made up of positively worded statements about feelings and functioning",
                    RIGHT,
                ),
                ("There is a shorter 7-item version called SWEMWBS", RIGHT),
                (
                    "Using it needs a licence from its owners, free for most non-commercial use",
                    RIGHT,
                ),
                ("It counts how many GP appointments a person has had", WRONG),
                ("The link worker should fill it in for the person from their observations", WRONG),
            ],
            "WEMWBS has 14 positively worded statements (SWEMWBS has 7) and needs a licence, "
            "free for most non-commercial use. The person answers for themselves; it measures "
            "mental wellbeing, not service use.",
        ),
        question(
            "When should you usually use a wellbeing measure with a person?",
            [
                (
                    "At or near the start of your work together and again at the end, with "
                    "the same tool",
                    RIGHT,
                ),
                ("Only at the end, once they are feeling better", WRONG),
                ("At every contact, including short phone calls", WRONG),
                ("Only if their GP asks for it", WRONG),
            ],
            "Using the same tool at the start and at the end (or an agreed review) shows the "
            "change. Using it only at the end shows no change, and using it at every contact "
            "gets in the way of the relationship.",
        ),
        question(
            "A person does not want to fill in a wellbeing questionnaire. What should you do?",
            [
                (
                    "Respect their choice, record that it was declined, and keep supporting them",
                    RIGHT,
                ),
                ("Explain that you cannot support them unless they complete it", WRONG),
                ("Fill it in yourself from what you have observed", WRONG),
                ("Ask a family member to complete it instead", WRONG),
            ],
            "Taking part is the person's choice and support never depends on it. Record that "
            "the measure was declined. Answers from anyone else would not be valid, because "
            "the tool measures how the person feels.",
        ),
        question(
            "Why record your work with SNOMED CT codes in the clinical system? Choose every "
            "answer that applies.",
            [
                ("The practice team can see the person has been referred and supported", RIGHT),
                ("Coded entries can be counted consistently across practices and PCNs", RIGHT),
                ("It helps show the scale and impact of social prescribing nationally", RIGHT),
                ("Codes mean you no longer need to write any notes", WRONG),
                ("It lets community groups read the person's GP record", WRONG),
            ],
            "Coded records let the team see what is happening and let work be counted "
            "consistently, locally and nationally. Codes do not replace clear notes, and "
            "community groups do not get access to GP records.",
        ),
        question(
            "Which of these belong in a good case study? Choose every answer that applies.",
            [
                ("The person's consent, recorded in writing", RIGHT),
                (
                    "What mattered to the person and what changed, in their words where possible",
                    RIGHT,
                ),
                ("Details changed or removed so the person cannot be identified", RIGHT),
                ("The person's full name, address and NHS number", WRONG),
                ("Only what went well, with any problems left out", WRONG),
            ],
            "A good case study has the person's recorded consent, tells their story honestly, "
            "including what was hard, and protects their identity. Identifying details never "
            "belong in it.",
        ),
        question(
            "Which of these could show the impact of social prescribing on community groups?",
            [
                (
                    "Whether groups have the capacity, volunteers and funding to support the "
                    "people referred to them",
                    RIGHT,
                ),
                ("The number of prescriptions the practice issued", WRONG),
                ("The size of the link worker's caseload on its own", WRONG),
                ("How many people the GP saw last month", WRONG),
            ],
            "For community groups, the framework asks whether they are accessible and "
            "sustainable: the referrals they receive and whether they have the capacity, "
            "volunteers and funding to cope.",
        ),
        question(
            "Your data shows very few referrals for people from one local community. What is "
            "the most useful next step?",
            [
                (
                    "Talk to groups in that community and your team to find out why, try a "
                    "change, and check if it helps",
                    RIGHT,
                ),
                ("Assume people from that community do not need social prescribing", WRONG),
                ("Stop recording ethnicity so the gap no longer shows", WRONG),
                ("Wait a year for more data before doing anything", WRONG),
            ],
            "Data is for improving the service. Find out why the gap exists from the people "
            "involved, test a change, and look at whether it made a difference.",
        ),
    ],
}


TRAINING = {
    "title": "Training",
    "slug": "training",
    "intro": (
        "<p>Accredited online modules for social prescribing link workers. Each module has "
        "short lessons and an assessment. When you pass, you get a certificate with your CPD "
        "hours.</p>"
        "<ul>"
        "<li>Take the lessons in order, at your own pace.</li>"
        "<li>You can save your place and come back.</li>"
        "<li>Your learning coordinator can see your progress, to support you.</li>"
        "</ul>"
    ),
    "modules": [PERSONALISED_CARE, SAFEGUARDING, MEASURING_IMPACT],
}
