"""The relation rules, one module per family, registered in the order they run.

A new family is a module here (a class with `name`, `confidence`, `start` and `find`, see
registry.py), its cue words in rules.toml, its tests, and one line below. The order
matters: when two rules read the same fact, the first one's candidate is kept.
"""

from graph.extract.relation_rules.aid_given import AidGiven
from graph.extract.relation_rules.attended import Attended
from graph.extract.relation_rules.attending_clauses import AttendingClauses
from graph.extract.relation_rules.behalf_acts import BehalfActs
from graph.extract.relation_rules.bloc_chairs import BlocChairs
from graph.extract.relation_rules.body_meetings import BodyMeetings
from graph.extract.relation_rules.body_owners import BodyOwners
from graph.extract.relation_rules.bound_by import BoundBy
from graph.extract.relation_rules.capital_phrases import CapitalPhrases
from graph.extract.relation_rules.chambers import Chambers
from graph.extract.relation_rules.co_acts import CoActs
from graph.extract.relation_rules.cooperates import Cooperates
from graph.extract.relation_rules.coverage_groups import CoverageGroups
from graph.extract.relation_rules.coverage_speakers import CoverageSpeakers
from graph.extract.relation_rules.coverage_states import CoverageStates
from graph.extract.relation_rules.coverage_votes import CoverageVotes
from graph.extract.relation_rules.dateline_events import DatelineEvents
from graph.extract.relation_rules.delegates import Delegates
from graph.extract.relation_rules.delegation_lists import DelegationLists
from graph.extract.relation_rules.entry_addresses import EntryAddresses
from graph.extract.relation_rules.entry_fields import EntryFields
from graph.extract.relation_rules.event_chairs import EventChairs
from graph.extract.relation_rules.event_hosts import EventHosts
from graph.extract.relation_rules.event_places import EventPlaces
from graph.extract.relation_rules.event_trips import EventTrips
from graph.extract.relation_rules.forces_with import ForcesWith
from graph.extract.relation_rules.header_roles import HeaderRoles
from graph.extract.relation_rules.holds_role import HoldsRole
from graph.extract.relation_rules.hosted_guests import HostedGuests
from graph.extract.relation_rules.hosted_offices import HostedOffices
from graph.extract.relation_rules.hosted_relatives import HostedRelatives
from graph.extract.relation_rules.invited_visits import InvitedVisits
from graph.extract.relation_rules.joined_acts import JoinedActs
from graph.extract.relation_rules.joint_press import JointPress
from graph.extract.relation_rules.joint_subjects import JointSubjects
from graph.extract.relation_rules.led_bodies import LedBodies
from graph.extract.relation_rules.listed_seats import ListedSeats
from graph.extract.relation_rules.meeting_companions import MeetingCompanions
from graph.extract.relation_rules.member_rows import MemberRows
from graph.extract.relation_rules.members import Members
from graph.extract.relation_rules.memberships import Memberships
from graph.extract.relation_rules.met_with import MetWith
from graph.extract.relation_rules.own_sessions import OwnSessions
from graph.extract.relation_rules.parliament_groups import ParliamentGroups
from graph.extract.relation_rules.partner_of import PartnerOf
from graph.extract.relation_rules.partners import PartnerRule
from graph.extract.relation_rules.place_appositions import PlaceAppositions
from graph.extract.relation_rules.readout_sections import ReadoutSections
from graph.extract.relation_rules.reciprocal_acts import ReciprocalActs
from graph.extract.relation_rules.registry import (
    RELATION_RULES,
    DocumentRule,
    RuleRegistry,
    SentenceRule,
)
from graph.extract.relation_rules.represented import Represented
from graph.extract.relation_rules.sanction_designations import SanctionDesignations
from graph.extract.relation_rules.sanctioned import Sanctioned
from graph.extract.relation_rules.seats import Seats
from graph.extract.relation_rules.speaker_bodies import SpeakerBodies
from graph.extract.relation_rules.speaker_states import SpeakerStates
from graph.extract.relation_rules.spelled_members import SpelledMembers
from graph.extract.relation_rules.spoke_at import SpokeAt
from graph.extract.relation_rules.table_rows import TableRows
from graph.extract.relation_rules.text_movers import TextMovers

# first: its start hook publishes the states people serve, which later rules read
RELATION_RULES.sentence(HoldsRole)
RELATION_RULES.sentence(DelegationLists)
RELATION_RULES.sentence(ParliamentGroups)
RELATION_RULES.sentence(SpokeAt)
RELATION_RULES.sentence(CoverageSpeakers)
RELATION_RULES.sentence(Sanctioned)
RELATION_RULES.sentence(Cooperates)
RELATION_RULES.sentence(JointSubjects)
RELATION_RULES.sentence(PartnerRule)
RELATION_RULES.sentence(AidGiven)
RELATION_RULES.sentence(CoActs)
RELATION_RULES.sentence(JoinedActs)
RELATION_RULES.sentence(BehalfActs)
RELATION_RULES.sentence(TextMovers)
RELATION_RULES.sentence(ReciprocalActs)
RELATION_RULES.sentence(ForcesWith)
RELATION_RULES.sentence(BoundBy)
RELATION_RULES.sentence(PartnerOf)
RELATION_RULES.sentence(Delegates)
RELATION_RULES.sentence(Represented)
RELATION_RULES.sentence(LedBodies)
RELATION_RULES.sentence(CoverageGroups)
RELATION_RULES.sentence(CoverageStates)
RELATION_RULES.sentence(SpeakerStates)
RELATION_RULES.sentence(CoverageVotes)
RELATION_RULES.sentence(Seats)
RELATION_RULES.sentence(PlaceAppositions)
RELATION_RULES.sentence(BodyOwners)
RELATION_RULES.sentence(SpeakerBodies)
RELATION_RULES.sentence(Members)
RELATION_RULES.sentence(Memberships)
RELATION_RULES.sentence(SpelledMembers)
RELATION_RULES.sentence(BlocChairs)
RELATION_RULES.sentence(TableRows)
RELATION_RULES.sentence(MetWith)
RELATION_RULES.sentence(InvitedVisits)
RELATION_RULES.sentence(EventPlaces)
RELATION_RULES.sentence(EventTrips)
RELATION_RULES.sentence(HostedRelatives)
RELATION_RULES.sentence(HostedOffices)
RELATION_RULES.sentence(OwnSessions)
RELATION_RULES.sentence(BodyMeetings)
RELATION_RULES.sentence(HostedGuests)
RELATION_RULES.sentence(Chambers)
RELATION_RULES.sentence(Attended)
RELATION_RULES.sentence(AttendingClauses)
# after every sentence: they read the whole document and what the sentences gave
RELATION_RULES.document(SanctionDesignations)
RELATION_RULES.document(DatelineEvents)  # before EventHosts: it reads the city placed
RELATION_RULES.document(EventHosts)  # reads the LOCATED_IN found before it
RELATION_RULES.document(EventChairs)
RELATION_RULES.document(ReadoutSections)
RELATION_RULES.document(JointPress)
RELATION_RULES.document(MeetingCompanions)
RELATION_RULES.document(MemberRows)
# after every rule that reads a post: a column's post is a person's only when no other is
RELATION_RULES.document(HeaderRoles)
RELATION_RULES.document(EntryFields)
RELATION_RULES.document(CapitalPhrases)
RELATION_RULES.document(EntryAddresses)
RELATION_RULES.document(ListedSeats)  # an SDN-style entry's unlabelled address

__all__ = ["RELATION_RULES", "DocumentRule", "RuleRegistry", "SentenceRule"]
