"""Who may read a region's resources: the people who may enter the region."""

from learning.accounts.selectors import user_can_enter_region


def user_may_read_resource(user, resource) -> bool:
    return (
        resource.live
        and resource.region_id is not None
        and user_can_enter_region(user, resource.region)
    )
