from rest_framework import serializers

from accounts.models import Team


class TeamSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(
        read_only=True,
        help_text="What to pass as `team` to `POST /api/v1/imports/` and "
        "`POST /api/v1/situations/`.",
    )

    class Meta:
        model = Team
        fields = ["slug", "name"]
        read_only_fields = fields
