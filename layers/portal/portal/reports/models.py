"""Reports (REP-1): a history search turned into a file in the background, listed under the user's Reports tab and
downloaded through a short-lived link."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from portal.deposits.models import DepositFilters
from portal.orders.models import OrderFilters


class ReportFormat(StrEnum):
    XML = "xml"
    CSV = "csv"


class ReportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


class DepositReportRequest(BaseModel):
    """The deposit history's search, as a report: the same filters over up to 13 months."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["deposits"] = "deposits"
    format: ReportFormat = ReportFormat.XML
    filters: DepositFilters = Field(default_factory=DepositFilters)


class OrderReportRequest(BaseModel):
    """The order history's search, as a report: the same filters over up to 13 months."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["orders"]
    format: ReportFormat = ReportFormat.XML
    filters: OrderFilters = Field(default_factory=OrderFilters)


# Without a kind, a request is for deposits (the first kind there was); a plain union keeps that working.
ReportRequest = DepositReportRequest | OrderReportRequest


class Report(BaseModel):
    report_id: str
    customer_id: str
    kind: Literal["deposits", "orders"]
    format: ReportFormat
    filters: DepositFilters | OrderFilters
    date_from: date
    date_to: date
    status: ReportStatus = ReportStatus.QUEUED
    rows: int | None = None
    size: int | None = Field(default=None, description="Bytes")
    error: str | None = None
    requested_by: str
    requested_by_name: str
    requested_at: datetime
    finished_at: datetime | None = None
    expires_at: datetime = Field(description="When the file and this entry are removed")
    version: int = 1

    @property
    def object_key(self) -> str:
        """Under the customer's prefix: a file is only ever the customer's."""
        return f"customers/{self.customer_id}/reports/{self.report_id}.{self.format.value}"


class ReportPage(BaseModel):
    items: list[Report]
    next_cursor: str | None = None


class ReportDownload(BaseModel):
    url: str = Field(description="A presigned address, valid for a few minutes")
    expires_at: datetime
