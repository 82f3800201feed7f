"""Ticket exports larger than memory, written as Parquet a part at a time.

``sqms demo`` builds every sample table in memory from one draw, which at a
hundred million tickets would take more memory than the machine the
benchmark measures on has. Here the sample is written for the first
:data:`PART` tickets as usual (tickets, surveys, customers, reviews and
complaints that refer to each other), and the tickets file is then extended
with further parts, each drawn from its own seed, its ticket ids numbered on
so that the key stays unique. Only one part is in memory at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sqms.demo import DEMO_SEED, generate_tickets, write_demo_data

PART: Final = 10_000_000
"""Tickets drawn at a time (a few GB of memory)."""


def write_large_sample(data: Path, tickets: int, *, say: object = print) -> None:
    """The sample under ``data`` with ``tickets`` tickets in ``tickets.parquet``."""
    first = min(tickets, PART)
    write_demo_data(data, tickets=first, fmt="parquet")
    if tickets <= first:
        return
    path = data / "tickets.parquet"
    partial = path.with_suffix(".parquet.part")
    schema = pq.read_schema(path)
    with pq.ParquetWriter(partial, schema) as writer:
        writer.write_table(pq.read_table(path))
        written, part = first, 1
        while written < tickets:
            size = min(PART, tickets - written)
            if callable(say):
                say(f"tickets {written:,}–{written + size:,} …")
            frame = generate_tickets(size, seed=DEMO_SEED + part)
            table = pa.Table.from_pandas(frame, preserve_index=False)
            column = table.schema.get_field_index("ticket_id")
            table = table.set_column(column, "ticket_id", _ids(part, size)).cast(schema)
            writer.write_table(table)
            written, part = written + size, part + 1
    partial.replace(path)


def _ids(part: int, size: int) -> pa.Array:
    """Ticket ids of a part: ``T001-00000001`` on, unlike the first part's ``T000001``."""
    numbers = pc.cast(pa.array(range(1, size + 1), type=pa.int64()), pa.string())
    return pc.binary_join_element_wise(f"T{part:03d}-", pc.utf8_lpad(numbers, 8, "0"), "")
