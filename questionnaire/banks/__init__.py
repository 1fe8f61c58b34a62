"""Question banks: one YAML file per standard edition, validated by one schema."""

from .harmonized import HarmonizedStructure, SharedQuestion
from .items import Item, answer_key, items
from .loader import BankFileError, BankProblem
from .registry import BankRegistry, load_registry
from .schema import AUDIT_METHOD_LABELS, Bank, Clause, DocumentedInfo, Question, Section

__all__ = [
    "AUDIT_METHOD_LABELS",
    "Bank",
    "BankFileError",
    "BankProblem",
    "BankRegistry",
    "Clause",
    "DocumentedInfo",
    "HarmonizedStructure",
    "Item",
    "Question",
    "Section",
    "SharedQuestion",
    "answer_key",
    "items",
    "load_registry",
]
