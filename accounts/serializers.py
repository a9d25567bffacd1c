from accounts.models import Team
from core.api import ModelSerializer, SlugField


class TeamSerializer(ModelSerializer):
    slug = SlugField(
        read_only=True,
        help_text="What to pass as `team` to `POST /api/v1/imports/` and "
        "`POST /api/v1/situations/`.",
    )

    class Meta:
        model = Team
        fields = ["slug", "name"]
        read_only_fields = fields
