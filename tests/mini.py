"""A tiny project whose indicator values are computed by hand in the tests."""

from __future__ import annotations

DATASETS = """
timezone: Asia/Shanghai
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created_at
    columns:
      id: {type: string}
      created_at: {type: datetime, required: true}
      channel: {type: category, values: [chat, email]}
      wait_h: number
      resolved: boolean
      score: {type: integer, min: 0, max: 10}
      email: {type: string, pii: true}
  complaints:
    file: complaints.csv
    time: received_at
    columns:
      received_at: datetime
      channel: {type: category, values: [chat, email]}
  customers:
    file: customers.csv
    key: customer
    columns:
      customer: string
      start: date
      end: date
"""

# Local (Shanghai) times. Ticket 6 is 07:00 on 1 February in Shanghai, which
# is still 31 January in UTC: it must count in February.
TICKETS = """
id,created_at,channel,wait_h,resolved,score,email
1,2026-01-05 10:00:00,chat,1,true,10,a@example.com
2,2026-01-06 11:00:00,chat,3,true,9,b@example.com
3,2026-01-07 12:00:00,email,5,false,6,c@example.com
4,2026-01-08 13:00:00,email,2,true,7,d@example.com
5,2026-01-31 23:30:00,email,,true,,e@example.com
6,2026-02-01 07:00:00,chat,4,false,0,f@example.com
7,2026-02-10 09:00:00,chat,8,true,10,g@example.com
"""

COMPLAINTS = """
received_at,channel
2026-01-10 10:00:00,chat
2026-01-20 10:00:00,email
2026-02-03 10:00:00,chat
"""

CUSTOMERS = """
customer,start,end
A,2025-06-01,
B,2025-12-15,2026-01-20
C,2026-01-10,2026-02-05
D,2025-01-01,2025-12-31
E,2025-11-01,2026-01-01
"""

PLAN = """
defaults:
  period: month
  min_n: 3
objectives:
  - id: OBJ-1
    title: Fast answers
    indicators: [fast, wait_mean]
indicators:
  volume:
    name: Tickets
    family: efficiency
    dataset: tickets
    measure: count
    unit: count
  fast:
    name: Answered within 3 hours
    family: efficiency
    dataset: tickets
    measure: share
    where: wait_h <= 3
    among: wait_h is not null
    unit: percent
    targets:
      - {from: 2025-01-01, target: 0.8, warning: 0.7}
      - {from: 2026-02-01, target: 0.9}
    by: [channel]
  wait_sum:
    name: Total wait
    family: efficiency
    dataset: tickets
    measure: sum
    column: wait_h
    unit: hours
  wait_mean:
    name: Mean wait
    family: efficiency
    dataset: tickets
    measure: mean
    column: wait_h
    unit: hours
    better: lower
    target: 2
  wait_median:
    name: Median wait
    family: efficiency
    dataset: tickets
    measure: median
    column: wait_h
    unit: hours
    better: lower
  wait_p90:
    name: Wait p90
    family: efficiency
    dataset: tickets
    measure: quantile
    q: 0.9
    column: wait_h
    unit: hours
    better: lower
  recommend:
    name: NPS
    family: service_level
    dataset: tickets
    measure: nps
    column: score
    unit: score
  complaints_per_1000:
    name: Complaints per 1,000 tickets
    family: quality
    measure: ratio
    numerator: {dataset: complaints}
    denominator: {dataset: tickets}
    scale: 1000
    unit: per_1000
    better: lower
    by: [channel]
  churn:
    name: Churn
    family: quality
    dataset: customers
    measure: churn
    start: start
    end: end
    unit: percent
    better: lower
  pain:
    name: Pain index
    family: service_level
    measure: composite
    components:
      - {indicator: fast, weight: 1}
      - {indicator: wait_mean, weight: 3}
    unit: index
    better: lower
    target: 10
"""


def files() -> dict[str, str]:
    """The mini project's files, by path relative to the project root."""
    return {
        "data/datasets.yml": DATASETS,
        "data/quality-plan.yml": PLAN,
        "data/tickets.csv": TICKETS,
        "data/complaints.csv": COMPLAINTS,
        "data/customers.csv": CUSTOMERS,
    }


# --- the mini project as a site ---------------------------------------------

MKDOCS_YML = """
site_name: Mini service desk
docs_dir: manual
use_directory_urls: false
theme:
  name: material
  language: {language}
  font: false
plugins:
  - search
  - sqms
nav:
  - Home: index.md
  - Quality plan: quality-plan.md
"""


# A procedure and the instruction it names, for tests of the manual's pages.
PROCEDURE = """---
id: QP-01
title: Answering customers
type: procedure
version: "1.0"
status: approved
owner: Service Desk Manager
approved_by: Quality Director
approved_on: 2020-01-06
review_every: 12 months
---

# Answering customers

Use [[WI-01-01]] for the greeting.
"""

INSTRUCTION = """---
id: WI-01-01
title: Greeting a caller
type: instruction
version: "0.2"
status: in-review
owner: Team Leader
---

# Greeting a caller

Say hello.
"""


def site_files(language: str = "en", **overrides: str) -> dict[str, str]:
    """The mini project as a site: its files, ``mkdocs.yml`` in ``language`` and a home page.

    ``overrides`` add or replace files (path → text), e.g. a procedure under ``manual/``.
    """
    found = files()
    found["mkdocs.yml"] = MKDOCS_YML.format(language=language)
    found["manual/index.md"] = "# Mini service desk\n\nSee the [quality plan](quality-plan.md).\n"
    found.update(overrides)
    return found
