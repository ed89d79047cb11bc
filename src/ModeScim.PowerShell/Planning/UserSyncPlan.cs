using System;
using System.Collections.Generic;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>What Sync-ModeUser will do, decided before anything is changed, and what it refused to plan.</summary>
    internal sealed class UserSyncPlan
    {
        public List<UserSpec> Creates { get; } = new List<UserSpec>();

        public List<(ScimUser User, ScimUserChange Change)> Updates { get; } = new List<(ScimUser, ScimUserChange)>();

        /// <summary>Inactive users who are in the desired set again.</summary>
        public List<ScimUser> Enables { get; } = new List<ScimUser>();

        public List<ScimUser> Disables { get; } = new List<ScimUser>();

        /// <summary>Why each user the source marks as not active is disabled ("accountEnabled 'False' in desired row 7"),
        /// by id; a user missing from the desired set has no entry.</summary>
        public Dictionary<string, string> LeaverReasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Rows the source marks as not active whose person has no account here: nothing to do, never a create.</summary>
        public int LeaversWithoutAccount { get; set; }

        /// <summary>Guest rows (#EXT#) skipped: neither created nor changed, and their users not counted as missing.</summary>
        public List<DesiredUserRow> Guests { get; } = new List<DesiredUserRow>();

        public int Unchanged { get; set; }

        /// <summary>What the server's listing shows of its users; attributes it never returns are not compared.</summary>
        public UserAttributesShown AttributesShown { get; set; } = UserAttributesShown.All;

        /// <summary>Desired rows that found a user here (the users -UpdateExisting may change): what a -MaxUpdate
        /// percentage counts against.</summary>
        public int Matched { get; set; }

        public int Excluded { get; set; }

        /// <summary>Active users on the server, what a -MaxDisable percentage counts against.</summary>
        public int ActiveUsers { get; set; }

        /// <summary>Users the server listed without an id that can address them: left out of the plan.</summary>
        public List<ScimUser> Unaddressable { get; } = new List<ScimUser>();

        /// <summary>Desired rows that could not be planned, each with the action it would have been and why.</summary>
        public List<RejectedRow> Rejected { get; } = new List<RejectedRow>();

        /// <summary>Active users not disabled although no usable row names them: a refused row could name them (its key
        /// read as a person reads it, without invisible characters and blanks). A refused row is not a leaver.</summary>
        public List<(ScimUser User, DesiredUserRow Row)> Protected { get; } = new List<(ScimUser, DesiredUserRow)>();

        /// <summary>The users a desired row found, by key or, for one without the key, by userName: none of them is missing.</summary>
        public HashSet<string> MatchedIds { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The ids the listing showed, to tell a creation from a server handing back one it had.</summary>
        public HashSet<string> ListedIds { get; } = new HashSet<string>(StringComparer.Ordinal);
    }

    internal sealed class RejectedRow
    {
        public RejectedRow(DesiredUserRow row, string action, string reason)
        {
            Row = row;
            Action = action;
            Reason = reason;
        }

        public DesiredUserRow Row { get; }

        /// <summary>Read, Create or Update.</summary>
        public string Action { get; }

        public string Reason { get; }
    }
}
