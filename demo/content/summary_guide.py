"""The Summary Guide: what good social prescribing looks like, with the Common Outcomes
Framework for its three audiences.

Plain data, published by `publish.seed_learning_content`. StreamField values are raw
blocks ({"type": ..., "value": ...}). Facts come from NHS England's public description of
the social prescribing programme.
"""

from datetime import date

SUMMARY_GUIDE = {
    "title": "Summary Guide",
    "slug": "summary-guide",
    "last_reviewed": date(2026, 11, 2),
    "next_review_due": date(2027, 11, 1),
    "intro": (
        "<p>This guide is for people and organisations leading social prescribing in their "
        "area. It describes what a good social prescribing scheme looks like, and why social "
        "prescribing improves outcomes and experiences for people, their families and carers "
        "while getting more value from the health and care system.</p>"
    ),
    "body": [
        {
            "type": "paragraph",
            "value": (
                "<h2>What good social prescribing looks like</h2>"
                "<p>In a good scheme, a person can be referred to a link worker easily, from "
                "almost any local service or by themselves. The link worker gives them time, "
                "asks what matters to them and looks at their life as a whole. Together they "
                "agree a plan, and the link worker connects the person to community groups and "
                "statutory services for practical and emotional support.</p>"
                "<p>Link workers also help existing community groups to be accessible and "
                "sustainable, and help people to start new groups. They work alongside all "
                "local partners, not on their own.</p>"
                "<h2>Who it is for</h2>"
                "<p>Social prescribing works for a wide range of people, including people "
                "who:</p>"
                "<ul>"
                "<li>have one or more long-term conditions</li>"
                "<li>need support with their mental health</li>"
                "<li>are lonely or isolated</li>"
                "<li>have complex social needs that affect their wellbeing</li>"
                "</ul>"
                "<h2>The six elements of the model</h2>"
                "<p>A standard model, developed with partners, sets out what needs to be in "
                "place:</p>"
                "<ol>"
                "<li>collaborative commissioning and partnership working</li>"
                "<li>easy referral</li>"
                "<li>workforce development</li>"
                "<li>a common outcomes framework</li>"
                "<li>what matters to me</li>"
                "<li>support for community groups</li>"
                "</ol>"
            ),
        },
        {
            "type": "inset_text",
            "value": {
                "body": (
                    "<p>Social prescribing complements active signposting. Signposting is a "
                    "light-touch approach for people confident enough to find their own way to "
                    "a service. Social prescribing is for people who need more time and "
                    "support.</p>"
                )
            },
        },
        {
            "type": "paragraph",
            "value": (
                "<h2>Why it matters</h2>"
                "<p>There is emerging evidence that social prescribing can lead to better "
                "health and wellbeing, such as improved quality of life and emotional "
                "wellbeing. It may also reduce the use of NHS services, including GP "
                "attendance. Around 6 in 10 GPs (59%) think it can help reduce their "
                "workload.</p>"
                "<p>More robust and systematic evidence is still needed. The Common Outcomes "
                "Framework below helps every scheme measure its impact in the same way, so the "
                "evidence can build.</p>"
                "<h2>The national commitment</h2>"
                "<p>The NHS Long Term Plan committed to 1,000 new link workers in primary care "
                "networks by 2020/21, with significantly more after that, so that at least "
                "900,000 people could be referred to social prescribing by 2023/24. This is "
                "part of the drive to Universal Personalised Care, which aimed for at least "
                "2.5 million people to benefit from personalised care by 2023/24.</p>"
            ),
        },
        {
            "type": "details",
            "value": {
                "title": "How link worker posts are funded",
                "body": [
                    {
                        "type": "richtext",
                        "value": (
                            "<p>Link workers are one of five additional roles in the five year "
                            "framework for GP contract reform. Primary care networks can claim "
                            "back 100% of their salary costs. Funding became available from "
                            "1 July 2019, when the reformed GP contract began.</p>"
                        ),
                    }
                ],
            },
        },
    ],
    "outcomes_intro": (
        "<p>The Common Outcomes Framework sets out the difference social prescribing should "
        "make for three audiences: the person, the local system and community groups. Use it "
        "to decide what your scheme records, and to report its impact in a way that can be "
        "compared with other schemes.</p>"
    ),
    "outcomes_framework": [
        {
            "type": "audience",
            "value": {
                "audience": "person",
                "introduction": (
                    "The people referred to a link worker, and their families and carers. "
                    "These outcomes are about their health, wellbeing and connection to others."
                ),
                "outcomes": [
                    {
                        "outcome": "People feel better in themselves and have a better quality "
                        "of life.",
                        "how_it_shows": (
                            "A wellbeing measure agreed locally, taken at the first meeting "
                            "and again later, shows improvement. People describe the change in "
                            "their own words."
                        ),
                    },
                    {
                        "outcome": "People feel less lonely and more connected to their community.",
                        "how_it_shows": (
                            "People take part in groups or activities they were connected to, "
                            "and say they have more contact with others."
                        ),
                    },
                    {
                        "outcome": "People have support that fits what matters to them.",
                        "how_it_shows": (
                            "Each person has a plan agreed in their own words, and says the "
                            "support they got was right for them."
                        ),
                    },
                    {
                        "outcome": "People feel more confident managing their health and the "
                        "practical problems in their lives.",
                        "how_it_shows": (
                            "People report more confidence, and practical issues such as debt, "
                            "benefits or housing are being dealt with."
                        ),
                    },
                ],
            },
        },
        {
            "type": "audience",
            "value": {
                "audience": "local_system",
                "introduction": (
                    "The NHS, local authorities and other statutory services in the area. "
                    "These outcomes are about how services are used and how well they work "
                    "together."
                ),
                "outcomes": [
                    {
                        "outcome": "People can be referred easily from a wide range of local "
                        "agencies, and can refer themselves.",
                        "how_it_shows": (
                            "Referrals come from many sources, including general practice, "
                            "pharmacies, hospital discharge teams, social care, housing and "
                            "self-referral."
                        ),
                    },
                    {
                        "outcome": "Health services are used more appropriately, with non-"
                        "medical needs met in the community.",
                        "how_it_shows": (
                            "Across groups of people supported, GP attendance and other service "
                            "use are compared before and after social prescribing."
                        ),
                    },
                    {
                        "outcome": "Clinicians spend less time on needs that are better met by "
                        "community support.",
                        "how_it_shows": (
                            "GPs and practice teams report that social prescribing helps them "
                            "and eases their workload."
                        ),
                    },
                    {
                        "outcome": "Local partners plan and commission social prescribing "
                        "together.",
                        "how_it_shows": (
                            "A shared local plan is in place and involves the PCNs, the local "
                            "authority, the VCSE sector and people with lived experience."
                        ),
                    },
                ],
            },
        },
        {
            "type": "audience",
            "value": {
                "audience": "community_groups",
                "introduction": (
                    "The voluntary, community and social enterprise (VCSE) organisations and "
                    "groups that people are connected to. These outcomes are about whether "
                    "those groups can welcome people and keep going."
                ),
                "outcomes": [
                    {
                        "outcome": "Community groups are accessible to the people referred to "
                        "them.",
                        "how_it_shows": (
                            "People referred go on to attend, and link workers pass on what "
                            "stops people from taking part so groups can change."
                        ),
                    },
                    {
                        "outcome": "Community groups are sustainable and can cope with the "
                        "referrals they receive.",
                        "how_it_shows": (
                            "Groups say they have the volunteers, space and funding they need, "
                            "and referral numbers are agreed with them."
                        ),
                    },
                    {
                        "outcome": "New groups start where there are gaps.",
                        "how_it_shows": (
                            "The number of new groups started with help from link workers, and "
                            "the needs they meet."
                        ),
                    },
                    {
                        "outcome": "Groups are recognised as partners in local health and "
                        "wellbeing.",
                        "how_it_shows": (
                            "Groups take part in local planning and receive feedback on the "
                            "difference they make."
                        ),
                    },
                ],
            },
        },
    ],
}
