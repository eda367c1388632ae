from .guides import GuideChapterPage, ReferenceGuidePage, SummaryGuidePage
from .pack import InductionPackPage, InductionSectionPage, InductionStepPage
from .progress import REFLECTION_MAX_LENGTH, RETURN_COMMENT_MAX_LENGTH, StepProgress

__all__ = [
    "REFLECTION_MAX_LENGTH",
    "RETURN_COMMENT_MAX_LENGTH",
    "GuideChapterPage",
    "InductionPackPage",
    "InductionSectionPage",
    "InductionStepPage",
    "ReferenceGuidePage",
    "StepProgress",
    "SummaryGuidePage",
]
