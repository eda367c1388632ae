from dataclasses import dataclass, field

from wagtail.models import Page

from .enums import StepStatus
from .models import InductionSectionPage, InductionStepPage, StepProgress


@dataclass
class TaskItem:
    step: InductionStepPage
    status: str

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label


@dataclass
class TaskSection:
    section: InductionSectionPage
    items: list[TaskItem] = field(default_factory=list)


@dataclass
class TaskList:
    sections: list[TaskSection]
    required_total: int
    required_done: int

    @property
    def required_left(self) -> int:
        return self.required_total - self.required_done

    @property
    def is_complete(self) -> bool:
        return self.required_total > 0 and self.required_done == self.required_total


def step_status(*, user, step) -> str:
    progress = StepProgress.objects.filter(user=user, step=step).only("status").first()
    return progress.status if progress else StepStatus.NOT_STARTED


def induction_task_list(*, user, pack) -> TaskList:
    """The pack's published sections and steps with this person's status for each.

    Three queries whatever the number of steps. Only published required steps count.
    """
    sections = list(InductionSectionPage.objects.live().child_of(pack).order_by("path"))
    steps = list(InductionStepPage.objects.live().descendant_of(pack).order_by("path"))
    statuses = dict(
        StepProgress.objects.filter(user=user, step__in=[s.pk for s in steps]).values_list(
            "step_id", "status"
        )
    )
    by_path = {section.path: TaskSection(section) for section in sections}
    required_total = required_done = 0
    for step in steps:
        task_section = by_path.get(step.path[: -Page.steplen])
        if task_section is None:  # its section is unpublished: the step is hidden too
            continue
        status = statuses.get(step.pk, StepStatus.NOT_STARTED)
        task_section.items.append(TaskItem(step, status))
        if step.required:
            required_total += 1
            required_done += status == StepStatus.COMPLETED
    return TaskList(list(by_path.values()), required_total, required_done)
