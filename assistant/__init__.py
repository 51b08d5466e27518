"""The service that answers HMS questions from the FAQ and the law, with pinpoint citations.

A question's path: question/ (checks, follow-ups, scope) -> references/ (what it cites) -> retrieval/ (the ranked
sources) -> evidence/ (what the answer rests on) -> answer/ (the text) -> verify/ (every citation checked). The
Assistant in service.py is the one object the front ends talk to; nothing here imports bots/, ingest/ or evals/.
"""
