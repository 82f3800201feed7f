"""The words in the sample: survey comments and complaint descriptions.

A few texts deliberately contain characters that must be escaped when
published (``<``, ``&``, quotes, an HTML tag), so that the site's escaping is
exercised by the sample itself.
"""

from __future__ import annotations

# Survey comments by how the customer scored the contact.
POSITIVE: tuple[str, ...] = (
    "Quick and friendly, thanks!",
    "Problem solved on the first call.",
    "Very helpful agent, explained everything clearly.",
    "Great service & a fast refund.",
    "Easy to reach and polite.",
    "The chat agent sorted it out in minutes.",
    "Thank you, much appreciated.",
    "Good support, would recommend.",
    'The agent said "no problem" and really meant it.',
    "Fixed in < 10 minutes, impressive.",
)
NEUTRAL: tuple[str, ...] = (
    "It was OK but took a while.",
    "Fine in the end, but I had to chase it.",
    "Correct answer, a bit slow.",
    "Average experience.",
    "Resolved, though I had to explain it twice.",
    "Not bad, not great.",
)
NEGATIVE: tuple[str, ...] = (
    "Waited days for a reply.",
    "I had to repeat myself three times.",
    "Nobody called me back as promised.",
    "Transferred between teams & still no answer.",
    'They said it was "resolved" but it was not.',
    "Refund still missing after 2 weeks.",
    "Very slow response, disappointed.",
    "The agent did not understand my problem.",
    "Wrong information given, had to contact you again.",
    "Delivery was late and support could not help.",
)

# Complaint descriptions, one tuple per complaint category (in CATEGORIES order).
COMPLAINT_TEXTS: tuple[tuple[str, ...], ...] = (
    (
        'Charged twice for the same order & the refund is still "processing".',
        "Invoice shows a <b>0.00</b> discount although the promo code was accepted.",
        "Subscription renewed at the old price after I cancelled.",
        "Monthly bill is higher than the plan I signed up for.",
        "Refund credited to the wrong card.",
    ),
    (
        "Waited four days for a first reply to my email.",
        "Chat queue said 5 minutes, I waited more than an hour.",
        "Nobody answered the web form for a week.",
        "Had to call three times before anyone picked up the case.",
    ),
    (
        'Agent said "that\'s not my problem" and ended the chat.',
        "The person on the phone was dismissive and interrupted me.",
        "Rude reply by email when I asked for an update.",
    ),
    (
        "Was told returns < 30 days are free, then charged a return fee.",
        "Two agents gave me two different answers about my warranty.",
        "Support said the parcel had been delivered; it had not.",
        "Wrong instructions for resetting my account password.",
    ),
    (
        "Parcel arrived 10 days late & nobody told me why.",
        "Delivery promised before the festival, arrived a week after.",
        "Courier marked the order as delivered but it never came.",
    ),
    (
        "Device stopped working after two days.",
        "Replacement item has the same defect as the first one.",
        "Product arrived damaged <broken seal>.",
    ),
    (
        "My order details were sent to another customer's email.",
        "I asked for my data to be deleted and still get marketing messages.",
        "Agent read out my full address without checking who I was.",
    ),
)
# A closing sentence: what the customer asks for (or nothing).
FOLLOW_UPS: tuple[str, ...] = (
    "",
    " Wants a refund.",
    " Asks for a call back.",
    " Expects compensation.",
    " Asks for an apology.",
    " Threatens to cancel the subscription.",
    " Wants the case escalated to a manager.",
)
