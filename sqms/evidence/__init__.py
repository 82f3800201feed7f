"""Certification evidence: what a build was made from, and proof that its numbers hold.

- :mod:`sqms.standards.frameworks`: the clauses of the standards (``data/frameworks/``);
- :mod:`sqms.standards.clauses`: what addresses each clause, and its coverage;
- :mod:`sqms.evidence.manifest`: every input with its SHA-256, the commit, the
  software, and each published value's definition;
- :mod:`sqms.evidence.verify`: recompute the indicators and confirm a manifest;
- :mod:`sqms.evidence.pack`: the evidence pack, one deterministic archive.
"""
