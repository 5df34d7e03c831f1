"""Recognise infrastructure-as-code files by name and, where names are not enough, by content.

CloudFormation and Kubernetes YAML are recognised from the text (CloudFormation's `!Ref`
tags are not plain YAML), ARM templates from their `$schema`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BY_NAME = (
    (re.compile(r"\.tf$|\.tf\.json$|\.tfvars$|(^|/)terragrunt\.hcl$"), "terraform"),
    (re.compile(r"\.bicep$|\.bicepparam$"), "bicep"),
    (re.compile(r"(^|/)Pulumi(\.[^/]+)?\.ya?ml$"), "pulumi"),
    (re.compile(r"(^|/)cdk\.json$"), "cloudformation"),
    (re.compile(r"(^|/)databricks\.ya?ml$"), "databricks-bundle"),
    (re.compile(r"(^|/)Chart\.ya?ml$"), "helm"),
    (re.compile(r"(^|/)kustomization\.ya?ml$"), "kubernetes"),
)
ARM = re.compile(r'"\$schema"\s*:\s*"[^"]*deploymentTemplate', re.I)
CLOUDFORMATION = re.compile(r"^AWSTemplateFormatVersion\s*:|^\s+Type:\s*['\"]?AWS::", re.M)
KUBERNETES = re.compile(r"^apiVersion:\s*\S+", re.M)
KUBERNETES_KIND = re.compile(r"^kind:\s*\S+", re.M)


@dataclass(frozen=True)
class IacFile:
    """One infrastructure-as-code file."""

    path: str
    kind: str
    """terraform, bicep, arm, cloudformation, pulumi, databricks-bundle, helm or kubernetes."""


def kind_by_name(path: str) -> str | None:
    """The IaC family a file belongs to from its name alone, if any."""
    return next((kind for pattern, kind in BY_NAME if pattern.search(path)), None)


def kind_by_content(path: str, text: str) -> str | None:
    """The IaC family of a JSON or YAML file from its content, if any."""
    if path.endswith(".json"):
        return "arm" if ARM.search(text[:4096]) else None
    if CLOUDFORMATION.search(text):
        return "cloudformation"
    if KUBERNETES.search(text) and KUBERNETES_KIND.search(text):
        return "kubernetes"
    return None
