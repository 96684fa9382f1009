"""The send endpoint with JSON bodies: each status of the reference, in the order a real API checks them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from helpers.sandbox_helpers import BASIC, BUSINESS, ENTERPRISE, SEND, SandboxClient, login

from vitedesk.core.segments import analyze
from vitedesk.sandbox import SandboxServer

Account = Callable[[str], SandboxClient]


def test_an_sms_is_accepted_with_increasing_campaign_ids(account: Account, sandbox: SandboxServer) -> None:
    business = account(BUSINESS)

    first = business.send(lead="15551234567\n15557654321")
    second = business.send()

    assert first.status_code == 201
    assert first.json() == {"id": 981, "status": "SENDING"}
    assert second.json() == {"id": 982, "status": "SENDING"}
    campaign = sandbox.campaigns()[0]
    assert campaign["account"] == BUSINESS
    assert campaign["leads"] == ["+15551234567", "+15557654321"]
    assert (campaign["server_type"], campaign["server_id"], campaign["sid"]) == ("PUBLIC", None, None)
    assert (campaign["protocol"], campaign["segments"], campaign["images"]) == ("SMS", 1, [])


def test_numbers_are_read_with_or_without_plus_and_deduplicated(
    account: Account, sandbox: SandboxServer
) -> None:
    lead = "15551234567\n+15557654321\n+1 555 123 4567\nnot a number\n\n447911123456"

    assert account(BUSINESS).send(lead=lead).status_code == 201

    assert sandbox.campaigns()[0]["leads"] == ["+15551234567", "+15557654321", "+447911123456"]


def test_server_type_and_protocol_default_to_public_sms(account: Account, sandbox: SandboxServer) -> None:
    business = account(BUSINESS)
    response = business.http.post(SEND, json={"lead": "15551234567", "message": "Hi"}, headers=business.auth)

    assert response.status_code == 201
    assert (sandbox.campaigns()[0]["server_type"], sandbox.campaigns()[0]["protocol"]) == ("PUBLIC", "SMS")


@pytest.mark.parametrize(
    ("username", "server_id"),
    [(BUSINESS, "svm-business-1"), (ENTERPRISE, "svm-ent-1"), (ENTERPRISE, "svm-ent-2")],
)
def test_private_servers_of_the_account_are_accepted(
    account: Account, sandbox: SandboxServer, username: str, server_id: str
) -> None:
    response = account(username).send(server_type="PRIVATE", server_id=server_id)

    assert response.status_code == 201
    assert sandbox.campaigns()[0]["server_id"] == server_id


def test_a_server_id_on_the_public_relay_is_ignored(account: Account, sandbox: SandboxServer) -> None:
    assert account(BUSINESS).send(server_id="svm-business-1").status_code == 201
    assert sandbox.campaigns()[0]["server_id"] is None


def test_enterprise_sends_with_a_sender_id(account: Account, sandbox: SandboxServer) -> None:
    response = account(ENTERPRISE).send(sid="MyShop 24")

    assert response.status_code == 201
    assert sandbox.campaigns()[0]["sid"] == "MyShop 24"
    assert sandbox.campaigns()[0]["server_type"] == "PUBLIC"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"message": None}, {"message": ["This field may not be null."]}),
        ({"message": "   "}, {"message": ["This field may not be blank."]}),
        ({"lead": ["15551234567"]}, {"lead": ["Not a valid string."]}),
        ({"server_type": "public"}, {"server_type": ['"public" is not a valid choice.']}),
        ({"protocol": "FAX"}, {"protocol": ['"FAX" is not a valid choice.']}),
        ({"server_type": "PRIVATE"}, {"server_id": ["This field is required."]}),
        ({"protocol": "MMS"}, {"images": ["An MMS needs at least one image, sent as image_0."]}),
        (
            {"image_0": "cat.png"},
            {"image_0": ["The submitted data was not a file. Check the encoding type on the form."]},
        ),
    ],
)
def test_invalid_fields_are_400_by_field(
    account: Account, fields: dict[str, object], errors: dict[str, list[str]]
) -> None:
    response = account(ENTERPRISE).send(**fields)

    assert response.status_code == 400
    assert response.json() == errors


def test_missing_fields_are_all_listed_at_once(account: Account) -> None:
    business = account(BUSINESS)
    response = business.http.post(SEND, json={"server_type": "NOPE"}, headers=business.auth)

    assert response.status_code == 400
    assert response.json() == {
        "lead": ["This field is required."],
        "message": ["This field is required."],
        "server_type": ['"NOPE" is not a valid choice.'],
    }


def test_a_server_the_account_does_not_have_is_400(account: Account) -> None:
    response = account(BUSINESS).send(server_type="PRIVATE", server_id="svm-ent-1")

    assert response.status_code == 400
    assert list(response.json()) == ["server_id"]
    assert "svm-business-1" in response.json()["server_id"][0]


@pytest.mark.parametrize("sid", ["Shop🛒", "ÉpicerieFine", "ThisIsTooLongForASenderID", "12345", ""])
def test_a_sender_id_with_invalid_characters_is_400(account: Account, sid: str) -> None:
    response = account(ENTERPRISE).send(sid=sid)

    assert response.status_code == 400
    assert list(response.json()) == ["sid"]


def test_a_json_body_that_is_not_an_object_is_400(account: Account) -> None:
    business = account(BUSINESS)
    response = business.http.post(SEND, json=["15551234567"], headers=business.auth)

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}


def test_an_unsupported_content_type_is_415(account: Account) -> None:
    business = account(BUSINESS)
    response = business.http.post(
        SEND, content=b"lead=1", headers={**business.auth, "Content-Type": "text/plain"}
    )

    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.'}


@pytest.mark.parametrize("username", [BASIC, BUSINESS])
def test_a_sender_id_is_403_below_enterprise(account: Account, sandbox: SandboxServer, username: str) -> None:
    response = account(username).send(sid="MyShop")

    assert response.status_code == 403
    assert "Enterprise" in response.json()["detail"]
    assert sandbox.campaigns() == []


def test_field_errors_come_before_licence_errors(account: Account) -> None:
    assert account(BASIC).send(sid="Shop🛒").status_code == 400


def test_a_lead_list_without_a_valid_number_is_406(account: Account, sandbox: SandboxServer) -> None:
    response = account(BUSINESS).send(lead="hello\n12\n+999")

    assert response.status_code == 406
    assert response.json() == {"detail": "No valid phone numbers found in the lead list."}
    assert sandbox.campaigns() == []


def test_licence_errors_come_before_lead_errors(account: Account) -> None:
    assert account(BUSINESS).send(lead="hello", sid="MyShop").status_code == 403


def test_an_unverified_account_may_send_to_one_recipient_only(
    account: Account, sandbox: SandboxServer
) -> None:
    basic = account(BASIC)

    several = basic.send(lead="15551234567\n15557654321")
    one_twice = basic.send(lead="15551234567\n+15551234567")

    assert several.status_code == 428
    assert "verification" in several.json()["detail"]
    assert one_twice.status_code == 201
    assert [campaign["leads"] for campaign in sandbox.campaigns()] == [["+15551234567"]]


def test_lead_errors_come_before_verification(account: Account) -> None:
    assert account(BASIC).send(lead="hello\nworld").status_code == 406


def test_daily_limit_counts_recipients_times_segments(account: Account, sandbox: SandboxServer) -> None:
    basic = account(BASIC)
    seven_segments = "Long news. " * 91  # 1,001 GSM-7 characters: 7 parts of 153

    accepted = [basic.send(message=seven_segments).status_code for _ in range(7)]
    over = basic.send(message=seven_segments)
    last_one = basic.send(message="One more")
    none_left = basic.send(message="One more")

    assert accepted == [201] * 7
    assert over.status_code == 429
    assert "50" in over.json()["detail"]
    assert last_one.status_code == 201
    assert none_left.status_code == 429
    assert [campaign["segments"] for campaign in sandbox.campaigns()] == [7] * 7 + [1]


def test_unicode_messages_count_ucs2_segments(account: Account, sandbox: SandboxServer) -> None:
    assert account(BUSINESS).send(message="ł" * 71).status_code == 201
    assert sandbox.campaigns()[0]["segments"] == 2


@pytest.mark.parametrize("message", ["€" * 80, "€" * 81, "a" * 160, "a" * 161, "Hi 👋"])
def test_segments_are_counted_as_the_app_counts_them(
    account: Account, sandbox: SandboxServer, message: str
) -> None:
    assert account(BUSINESS).send(message=message).status_code == 201
    assert sandbox.campaigns()[0]["segments"] == analyze(message).segments


def test_verification_comes_before_the_daily_limit(account: Account) -> None:
    assert account(BASIC).send(lead="15551234567\n15557654321", message="x" * 5000).status_code == 428


def test_the_daily_limit_resets_the_next_day(sandbox_factory: Callable[..., SandboxServer]) -> None:
    now = [datetime(2026, 3, 1, 23, 0, tzinfo=UTC)]
    server = sandbox_factory(clock=lambda: now[0])
    with httpx.Client(base_url=server.url) as http:
        basic = SandboxClient(http, login(http, BASIC))
        assert basic.send(message="x" * 50 * 153).status_code == 201  # exactly 50 parts
        assert basic.send(message="x").status_code == 429
        now[0] += timedelta(hours=2)
        basic.token = login(http, BASIC)
        assert basic.send(message="x").status_code == 201


def test_each_sandbox_keeps_its_own_state(
    account: Account, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    assert account(BUSINESS).send().json()["id"] == 981
    other = sandbox_factory()
    with httpx.Client(base_url=other.url) as http:
        assert SandboxClient(http, login(http, BUSINESS)).send().json()["id"] == 981
    assert len(other.campaigns()) == 1


def test_wrong_method_is_405_in_json(http: httpx.Client) -> None:
    response = http.get(SEND)

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "GET" not allowed.'}
