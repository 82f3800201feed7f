"""Repeat complaints: the same customer and category again within a window.

Found without a loop: the register is sorted by customer, category and time
received, and each complaint is compared with the one before it in its group
(``groupby().shift()``). Only complaint ids leave this module; the customer
column is used here and nowhere shown.

A helper of the analysis (:mod:`sqms.registers.complaints.analysis`), which
keeps the mask and the list among the register's figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.registers.complaints.timing import Timing

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister


def find_repeats(register: ComplaintRegister, timing: Timing) -> tuple[pd.Series, pd.Series]:
    """Which complaints repeat an earlier one of the same customer and category in the window.

    Sorted by customer, category and time received, each complaint is
    compared with the one before it in its group (a shift, no loop). From
    the final response, the latest response of every earlier complaint of
    the group counts, and an earlier complaint still open makes a repeat.
    Returns the mask and, for repeats, the id of the earlier complaint.
    """
    index = register.frame.index
    none = pd.Series(False, index=index, dtype="bool")
    no_ids = pd.Series(pd.NA, index=index, dtype="str")
    customer, category = register.column("customer"), register.column("category")
    if customer is None or category is None:
        return none, no_ids
    repeat = register.spec.repeat
    keyed = customer.notna() & category.notna()
    data = pd.DataFrame(
        {
            "customer": customer.astype("str"),
            "category": category.astype("str"),
            "received": register.frame[register.columns["received"]],
            "day": timing.day,
            "id": register.frame[register.columns["id"]].astype("str"),
        }
    )[keyed]
    data = data.sort_values(["customer", "category", "received"], kind="stable")
    groups = data.groupby(["customer", "category"], sort=False)
    earlier = groups["id"].shift(1)
    if repeat.measured_from == "received":
        gap = (data["day"] - groups["day"].shift(1)).dt.days
        found = earlier.notna() & (gap <= repeat.within_days)
    else:
        response = timing.day + pd.to_timedelta(timing.res_days, unit="D")
        data = data.assign(response=response[data.index], still_open=timing.open[data.index])
        groups = data.groupby(["customer", "category"], sort=False)
        latest = data.assign(
            response=groups["response"].cummax(), still_open=groups["still_open"].cummax()
        ).groupby(["customer", "category"], sort=False)
        prior_open = latest["still_open"].shift(1).fillna(False).astype("bool")
        gap = (data["day"] - latest["response"].shift(1)).dt.days
        found = earlier.notna() & (prior_open | (gap <= repeat.within_days))
    mask = found.astype("bool").reindex(index, fill_value=False)
    return mask, earlier.where(found).reindex(index)


def repeat_list(
    register: ComplaintRegister,
    timing: Timing,
    mask: pd.Series,
    earlier: pd.Series,
    ids: pd.Series,
) -> pd.DataFrame | None:
    """The repeat complaints in the order received, each with the complaint it repeats."""
    category = register.column("category")
    if register.column("customer") is None or category is None:
        return None
    table = pd.DataFrame(
        {
            "id": ids[mask],
            "earlier": earlier[mask].astype("str"),
            "received": timing.day[mask].dt.strftime("%Y-%m-%d"),
            "category": category[mask].astype("str"),
            "order": register.frame[register.columns["received"]][mask],
        }
    )
    table = table.sort_values(["order", "id"], kind="stable")
    return table.drop(columns="order").reset_index(drop=True)
