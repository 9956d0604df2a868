import logging

import random

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple

from canonicaljson import encode_canonical_json

from twisted.internet import defer

from twisted.internet.interfaces import IDelayedCall

from synapse import event_auth

from synapse.api.constants import (
    EventContentFields,
    EventTypes,
    Membership,
    RelationTypes,
    UserTypes,
)

from synapse.api.errors import (
    AuthError,
    Codes,
    ConsentNotGivenError,
    NotFoundError,
    ShadowBanError,
    SynapseError,
)

from synapse.api.room_versions import KNOWN_ROOM_VERSIONS, RoomVersions

from synapse.api.urls import ConsentURIBuilder

from synapse.events import EventBase

from synapse.events.builder import EventBuilder

from synapse.events.snapshot import EventContext

from synapse.events.validator import EventValidator

from synapse.logging.context import make_deferred_yieldable, run_in_background

from synapse.metrics.background_process_metrics import run_as_background_process

from synapse.replication.http.send_event import ReplicationSendEventRestServlet

from synapse.storage.databases.main.events_worker import EventRedactBehaviour

from synapse.storage.state import StateFilter

from synapse.types import Requester, RoomAlias, StreamToken, UserID, create_requester

from synapse.util import json_decoder, json_encoder, log_failure

from synapse.util.async_helpers import Linearizer, unwrapFirstError

from synapse.util.caches.expiringcache import ExpiringCache

from synapse.util.metrics import measure_func

from synapse.visibility import filter_events_for_client

from ._base import BaseHandler

if TYPE_CHECKING:
    from synapse.events.third_party_rules import ThirdPartyEventRules
    from synapse.server import HomeServer

logger = logging.getLogger(__name__)

class MessageHandler:
    """Contains some read only APIs to get state about a room"""
    def __init__(self, hs: "HomeServer"):
        self.auth = hs.get_auth()
        self.clock = hs.get_clock()
        self.state = hs.get_state_handler()
        self.store = hs.get_datastore()
        self.storage = hs.get_storage()
        self.state_store = self.storage.state
        self._event_serializer = hs.get_event_client_serializer()
        self._ephemeral_events_enabled = hs.config.enable_ephemeral_messages

        # The scheduled call to self._expire_event. None if no call is currently
        # scheduled.
        self._scheduled_expiry: Optional[IDelayedCall] = None

        if not hs.config.worker_app:
            run_as_background_process(
                "_schedule_next_expiry", self._schedule_next_expiry
            )
    async def get_state_events(
        self,
        user_id: str,
        room_id: str,
        state_filter: Optional[StateFilter] = None,
        at_token: Optional[StreamToken] = None,
        is_guest: bool = False,
    ) -> List[dict]:
        """Retrieve all state events for a given room. If the user is
        joined to the room then return the current state. If the user has
        left the room return the state events from when they left. If an explicit
        'at' parameter is passed, return the state events as of that event, if
        visible.

        Args:
            user_id: The user requesting state events.
            room_id: The room ID to get all state events from.
            state_filter: The state filter used to fetch state from the database.
            at_token: the stream token of the at which we are requesting
                the stats. If the user is not allowed to view the state as of that
                stream token, we raise a 403 SynapseError. If None, returns the current
                state based on the current_state_events table.
            is_guest: whether this user is a guest
        Returns:
            A list of dicts representing state events. [{}, {}, {}]
        Raises:
            NotFoundError (404) if the at token does not yield an event

            AuthError (403) if the user doesn't have permission to view
            members of this room.
        """
        state_filter = state_filter or StateFilter.all()

        if at_token:
            # FIXME this claims to get the state at a stream position, but
            # get_recent_events_for_room operates by topo ordering. This therefore
            # does not reliably give you the state at the given stream position.
            # (https://github.com/matrix-org/synapse/issues/3305)
            last_events, _ = await self.store.get_recent_events_for_room(
                room_id, end_token=at_token.room_key, limit=1
            )

            if not last_events:
                raise NotFoundError("Can't find event for token %s" % (at_token,))
            last_event = last_events[0]

            # check whether the user is in the room at that time to determine
            # whether they should be treated as peeking.
            state_map = await self.state_store.get_state_for_event(
                last_event.event_id,
                StateFilter.from_types([(EventTypes.Member, user_id)]),
            )

            joined = False
            membership_event = state_map.get((EventTypes.Member, user_id))
            if membership_event:
                joined = membership_event.membership == Membership.JOIN

            is_peeking = not joined

            visible_events = await filter_events_for_client(
                self.storage,
                user_id,
                last_events,
                filter_send_to_client=False,
                is_peeking=is_peeking,
            )

            if visible_events:
                room_state_events = await self.state_store.get_state_for_events(
                    [last_event.event_id], state_filter=state_filter
                )
                room_state: Mapping[Any, EventBase] = room_state_events[
                    last_event.event_id
                ]
            else:
                raise AuthError(
                    403,
                    "User %s not allowed to view events in room %s at token %s"
                    % (user_id, room_id, at_token),
                )
        else:
            (
                membership,
                membership_event_id,
            ) = await self.auth.check_user_in_room_or_world_readable(
                room_id, user_id, allow_departed_users=True
            )

            if membership == Membership.JOIN:
                state_ids = await self.store.get_filtered_current_state_ids(
                    room_id, state_filter=state_filter
                )
                room_state = await self.store.get_events(state_ids.values())
            elif membership == Membership.LEAVE:
                # If the membership is not JOIN, then the event ID should exist.
                assert (
                    membership_event_id is not None
                ), "check_user_in_room_or_world_readable returned invalid data"
                room_state_events = await self.state_store.get_state_for_events(
                    [membership_event_id], state_filter=state_filter
                )
                room_state = room_state_events[membership_event_id]

        now = self.clock.time_msec()
        events = await self._event_serializer.serialize_events(
            room_state.values(),
            now,
            # We don't bother bundling aggregations in when asked for state
            # events, as clients won't use them.
            bundle_aggregations=False,
        )
        return events

_DUMMY_EVENT_ROOM_EXCLUSION_EXPIRY = 7 * 24 * 60 * 60 * 1000
