"""Lead lists: pasted text -> de-duplicated E.164 numbers and a report of every line that was left out.

The public face of the parser; its parts (reading rules, bulk passes, patterns, records) are private modules
of this package. See ``parse`` for the reading rules.
"""

from vitedesk.core.leads.parse import LeadReport, parse_leads, supported_regions
from vitedesk.core.leads.records import Duplicate, Lead, Rejected

__all__ = ["Duplicate", "Lead", "LeadReport", "Rejected", "parse_leads", "supported_regions"]
