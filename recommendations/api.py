"""REST endpoints for assessments: thin views over the service and selectors."""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import assessment_body, assessment_get
from .services import assessment_create


class AssessmentListCreate(APIView):
    def post(self, request: Request) -> Response:
        assessment = assessment_create(user=request.user, data=request.data)
        return Response(assessment_body(assessment), status=status.HTTP_201_CREATED)


class AssessmentDetail(APIView):
    def get(self, request: Request, pk: int) -> Response:
        assessment = assessment_get(request.user, pk)
        if assessment is None:
            raise NotFound("No assessment with this id.")
        return Response(assessment_body(assessment))
