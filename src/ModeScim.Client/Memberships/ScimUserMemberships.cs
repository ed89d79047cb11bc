using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    public enum ScimMembershipSource
    {
        /// <summary>The User's own "groups" attribute.</summary>
        UserAttribute,

        /// <summary>The groups' "members", read once for the run.</summary>
        Groups,

        /// <summary>A filter on /Groups by member: the server said which groups hold the user.</summary>
        GroupFilter,

        /// <summary>Mode's REST API (its groups and their memberships), matched to SCIM's groups by name.</summary>
        ModeApi,

        /// <summary>Neither could be read.</summary>
        None,
    }

    /// <summary>A user's groups, or the fact that they could not be read (and why, where that is known).</summary>
    public sealed class ScimUserMemberships
    {
        private static readonly IReadOnlyList<string> NoNotes = Array.Empty<string>();

        private ScimUserMemberships(bool isKnown, IReadOnlyList<ScimMultiValue> groups, ScimMembershipSource source,
            string? problem, IReadOnlyList<string> notes)
        {
            IsKnown = isKnown;
            Groups = groups;
            Source = source;
            Problem = problem;
            Notes = notes;
        }

        public bool IsKnown { get; }

        /// <summary>Empty when unknown: check <see cref="IsKnown"/> before reading "no groups" into it.</summary>
        public IReadOnlyList<ScimMultiValue> Groups { get; }

        public ScimMembershipSource Source { get; }

        /// <summary>Why the groups are unknown, where a source could say (an ambiguous group name, no REST account).</summary>
        public string? Problem { get; }

        /// <summary>What the caller should tell the admin about known groups (memberships SCIM cannot restore).</summary>
        public IReadOnlyList<string> Notes { get; }

        public static ScimUserMemberships Known(IEnumerable<ScimMultiValue> groups, ScimMembershipSource source,
            IReadOnlyList<string>? notes = null)
        {
            return new ScimUserMemberships(true, groups.Where(g => g.Value != null).ToList(), source, null, notes ?? NoNotes);
        }

        public static ScimUserMemberships Unreadable(string? problem = null)
            => new ScimUserMemberships(false, new List<ScimMultiValue>(), ScimMembershipSource.None, problem, NoNotes);
    }
}
