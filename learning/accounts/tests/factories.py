import factory
from allauth.account.models import EmailAddress

from learning.accounts.enums import JoinRequestStatus, Role
from learning.accounts.models import CCG, PCN, JoinRequest, User
from learning.accounts.services import user_assign_role
from learning.regions.models import Region


class CCGFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CCG

    name = factory.Sequence(lambda n: f"NHS Test Area {n} CCG")
    code = factory.Sequence(lambda n: f"T{n:05d}")
    region = factory.LazyFunction(lambda: Region.objects.get(slug="north-west"))


class PCNFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PCN

    name = factory.Sequence(lambda n: f"Test Town {n} PCN")
    code = factory.Sequence(lambda n: f"U{n:05d}")
    ccg = factory.SubFactory(CCGFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a role. Pass region= to place them (PCN / CCG / coordinated region)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("learning-network-demo")
    role = Role.LINK_WORKER

    @factory.post_generation
    def place(obj, create, extracted, **kwargs):
        region = obj._region or Region.objects.get(slug="north-west")
        pcn = ccg = None
        if obj.role == Role.LINK_WORKER:
            pcn = PCNFactory(ccg=CCGFactory(region=region))
        elif obj.role == Role.CCG_LEAD:
            ccg = CCGFactory(region=region)
        user_assign_role(obj, role=obj.role, pcn=pcn, ccg=ccg, regions=[region])
        EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        region = kwargs.pop("region", None)
        obj = super()._create(model_class, *args, **kwargs)
        obj._region = region
        return obj


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"joiner{n}@example.org")
    role = Role.LINK_WORKER
    region = factory.LazyFunction(lambda: Region.objects.get(slug="north-west"))
    pcn = factory.LazyAttribute(lambda o: PCNFactory(ccg=CCGFactory(region=o.region)))
    reason = "New link worker starting next month."
    status = JoinRequestStatus.PENDING
