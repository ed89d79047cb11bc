using System;
using System.Collections.Generic;
using System.Threading;

namespace ModeScim.Client.Capabilities
{
    /// <summary>One thing a SCIM server may or may not offer beyond what Okta's and Entra's clients use.</summary>
    public enum ScimCapability
    {
        /// <summary><c>a eq "x" or a eq "y"</c>: several lookups in one request.</summary>
        OrFilter,

        /// <summary><c>userName sw "x"</c>: a prefix match.</summary>
        StartsWithFilter,

        /// <summary><c>displayName co "x"</c>: a match anywhere in a value, as Get-ModeUser -Search sends it (on several
        /// attributes joined by <c>or</c>).</summary>
        ContainsFilter,

        /// <summary><c>members[value eq "x"]</c> in a filter on /Groups: which groups hold a user, in one request.</summary>
        ValuePathFilter,

        /// <summary><c>\"</c> and <c>\\</c> inside a filter value.</summary>
        FilterEscapes,

        /// <summary><c>id eq "x"</c> in a list filter.</summary>
        IdFilter,

        /// <summary><c>active eq true</c>: a server built for IdP lookups may take no filter on active.</summary>
        ActiveFilter,

        /// <summary><c>emails.value eq "x"</c>: learned apart from <see cref="ActiveFilter"/>, since a server may
        /// filter on one and refuse the other.</summary>
        EmailFilter,

        /// <summary>Whether a User's <c>groups</c> attribute tells the truth (it may be omitted, or always empty).</summary>
        UserGroups,

        /// <summary>Whether a Group comes back with its <c>members</c>.</summary>
        GroupMembers,

        /// <summary>PATCH on Users; without it, a change is a PUT of the whole user.</summary>
        UserPatch,

        /// <summary>Filtered PATCH paths other than <c>members[value eq "x"]</c>, such as <c>emails[type eq "work"].value</c>.</summary>
        PatchValuePaths,

        /// <summary>Whether unfiltered listings of users carry "groups" (a server may trim lists for size).</summary>
        UserGroupsInLists,

        /// <summary>Whether filtered listings of users (lookups) carry "groups".</summary>
        UserGroupsInFilters,

        /// <summary><c>id eq "g" and members[value eq "u"]</c> on /Groups: whether one group holds one user, the check
        /// Entra's guide asks SCIM servers to answer.</summary>
        GroupIdMemberFilter,

        /// <summary>Whether <c>active</c> must be changed by a pathless replace (<c>{"op":"replace","value":{"active":false}}</c>,
        /// as Okta sends) because the server answers a replace of the path <c>active</c> without applying it.</summary>
        PathlessActive,

        /// <summary>Whether users come back with their <c>name</c>: learned from the answer to a PATCH that set it (a
        /// server may store names and never return them; nobody having one yet is not evidence).</summary>
        UserNameShown,

        /// <summary>Whether users come back with their <c>displayName</c>, learned the same way.</summary>
        UserDisplayNameShown,
    }

    public enum ScimSupport
    {
        Unknown,
        Supported,
        Unsupported,
    }

    /// <summary>What a client has learned about one server: not assumed from the RFC, but read from
    /// discovery, from a cheap probe, or from the first refusal of a construct. Shared by every request of a
    /// connection, so a fallback is found once and then used directly. Thread-safe.</summary>
    public sealed class ScimServerCapabilities
    {
        private readonly int[] _support = new int[Enum.GetValues(typeof(ScimCapability)).Length];
        private int _version;

        public ScimSupport this[ScimCapability capability] => (ScimSupport)Volatile.Read(ref _support[(int)capability]);

        /// <summary>Changes each time something is learned, so a caller can tell whether to report.</summary>
        public int Version => Volatile.Read(ref _version);

        /// <summary>Not Unsupported: worth trying.</summary>
        public bool MayUse(ScimCapability capability) => this[capability] != ScimSupport.Unsupported;

        /// <summary>Records what the server showed. True when this is news.</summary>
        public bool Learn(ScimCapability capability, bool supported)
        {
            var value = (int)(supported ? ScimSupport.Supported : ScimSupport.Unsupported);
            var previous = Interlocked.Exchange(ref _support[(int)capability], value);
            if (previous == value)
            {
                return false;
            }
            Interlocked.Increment(ref _version);
            return true;
        }

        /// <summary>Every capability with what is known of it.</summary>
        public IReadOnlyList<KeyValuePair<ScimCapability, ScimSupport>> Snapshot()
        {
            var result = new List<KeyValuePair<ScimCapability, ScimSupport>>();
            foreach (ScimCapability capability in Enum.GetValues(typeof(ScimCapability)))
            {
                result.Add(new KeyValuePair<ScimCapability, ScimSupport>(capability, this[capability]));
            }
            return result;
        }

        /// <summary>One line for a verbose stream: what was learned and what the client does about it.</summary>
        public static string Describe(ScimCapability capability, ScimSupport support)
        {
            var yes = support == ScimSupport.Supported;
            switch (capability)
            {
                case ScimCapability.OrFilter:
                    return yes ? "The server accepts 'or' in filters."
                        : "The server refuses 'or' in filters: users are looked up one at a time, concurrently, "
                            + "or many at once on one listing of all users when that takes fewer requests.";
                case ScimCapability.StartsWithFilter:
                    return yes ? "The server accepts 'sw' filters."
                        : "The server refuses 'sw' filters: wildcards are matched on a paged listing.";
                case ScimCapability.ContainsFilter:
                    return yes ? "The server accepts 'co' filters."
                        : "The server refuses 'co' filters: searches are matched on a paged listing.";
                case ScimCapability.ValuePathFilter:
                    return yes ? "The server finds the groups holding a user (members[value eq ...] on /Groups)."
                        : "The server refuses members[value eq ...] on /Groups: a user's groups are read another way.";
                case ScimCapability.FilterEscapes:
                    return yes ? "The server accepts escaped quotes and backslashes in filters."
                        : "The server refuses escaped characters in filters: names holding a quote or backslash are found on a"
                        + " paged listing.";
                case ScimCapability.IdFilter:
                    return yes ? "The server accepts 'id eq' filters."
                        : "The server refuses 'id eq' filters: users are read by id one at a time, concurrently.";
                case ScimCapability.ActiveFilter:
                    return yes ? "The server filters on active."
                        : "The server refuses filters on active: the status is matched on a paged listing.";
                case ScimCapability.EmailFilter:
                    return yes ? "The server filters on emails."
                        : "The server refuses filters on emails: emails are matched on a paged listing.";
                case ScimCapability.UserGroups:
                    return yes ? "A user's 'groups' attribute matches the groups' members: memberships are read from the user."
                        : "A user's 'groups' attribute is missing or untrue: memberships are read from the groups.";
                case ScimCapability.GroupMembers:
                    return yes ? "Groups are returned with their members."
                        : "Groups are returned without their members: memberships cannot be read from the group side.";
                case ScimCapability.UserPatch:
                    return yes ? "The server accepts PATCH on users."
                        : "The server refuses PATCH on users: changes are made by reading the user and PUTting it whole.";
                case ScimCapability.PatchValuePaths:
                    return yes ? "The server accepts filtered PATCH paths."
                        : "The server refuses filtered PATCH paths: emails are changed by replacing the list.";
                case ScimCapability.UserNameShown:
                    return yes ? "The server returns the names it stores."
                        : "The server does not return users' names: -UpdateExisting does not compare them.";
                case ScimCapability.UserDisplayNameShown:
                    return yes ? "The server returns the display names it stores."
                        : "The server does not return users' display names: -UpdateExisting does not compare them.";
                case ScimCapability.UserGroupsInLists:
                    return yes ? "Listings of users carry their 'groups'."
                        : "Listings of users leave 'groups' out: a listed user's groups are read by id.";
                case ScimCapability.UserGroupsInFilters:
                    return yes ? "Lookups of users carry their 'groups'."
                        : "Lookups of users leave 'groups' out: a user's groups are read by id.";
                case ScimCapability.PathlessActive:
                    return yes ? "The server applies 'active' only in a pathless replace: users are enabled and disabled that way."
                        : "The server applies a replace of the path 'active'.";
                case ScimCapability.GroupIdMemberFilter:
                    return yes ? "The server answers whether a group holds a user (id eq ... and members[value eq ...])."
                        : "The server refuses id eq ... and members[value eq ...] on /Groups.";
                default:
                    return capability + ": " + support;
            }
        }
    }
}
