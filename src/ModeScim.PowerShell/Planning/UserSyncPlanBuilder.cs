using System;
using System.Collections.Generic;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>A <see cref="UserSyncPlan"/> while <see cref="UserSyncPlanner"/> fills it in, row by row; nothing else
    /// sees it, and <see cref="Build"/> turns it into the plan that is guarded and applied.</summary>
    internal sealed class UserSyncPlanBuilder
    {
        public List<UserSpec> Creates { get; } = new List<UserSpec>();

        public List<(ScimUser User, ScimUserChange Change)> Updates { get; } = new List<(ScimUser, ScimUserChange)>();

        public List<ScimUser> Enables { get; } = new List<ScimUser>();

        public List<ScimUser> Disables { get; } = new List<ScimUser>();

        public Dictionary<string, string> LeaverReasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public int LeaversWithoutAccount { get; set; }

        public List<DesiredUserRow> Guests { get; } = new List<DesiredUserRow>();

        public int Unchanged { get; set; }

        public UserAttributesShown AttributesShown { get; set; } = UserAttributesShown.All;

        public int Matched { get; set; }

        public int Excluded { get; set; }

        public int ActiveUsers { get; set; }

        public List<ScimUser> Unaddressable { get; } = new List<ScimUser>();

        public List<RejectedRow> Rejected { get; } = new List<RejectedRow>();

        public List<(ScimUser User, DesiredUserRow Row)> Protected { get; } = new List<(ScimUser, DesiredUserRow)>();

        /// <summary>The users a desired row found, by key or, for one without the key, by userName: none of them is missing.</summary>
        public HashSet<string> MatchedIds { get; } = new HashSet<string>(StringComparer.Ordinal);

        public HashSet<string> ListedIds { get; } = new HashSet<string>(StringComparer.Ordinal);

        public UserSyncPlan Build() => new UserSyncPlan(this);
    }
}
