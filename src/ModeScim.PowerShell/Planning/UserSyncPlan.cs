using System;
using System.Collections.Generic;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>What Sync-ModeUser will do, decided before anything is changed, and what it refused to plan. A value:
    /// built once by <see cref="UserSyncPlanner"/>, never edited while applied (what applying it did is the result).</summary>
    internal sealed class UserSyncPlan
    {
        private readonly HashSet<string> _listedIds;

        public UserSyncPlan(UserSyncPlanBuilder built)
        {
            Creates = built.Creates.ToArray();
            Updates = built.Updates.ToArray();
            Enables = built.Enables.ToArray();
            Disables = built.Disables.ToArray();
            LeaverReasons = new Dictionary<string, string>(built.LeaverReasons, StringComparer.Ordinal);
            LeaversWithoutAccount = built.LeaversWithoutAccount;
            Guests = built.Guests.ToArray();
            Unchanged = built.Unchanged;
            AttributesShown = built.AttributesShown;
            Matched = built.Matched;
            Excluded = built.Excluded;
            ActiveUsers = built.ActiveUsers;
            Unaddressable = built.Unaddressable.ToArray();
            Rejected = built.Rejected.ToArray();
            Protected = built.Protected.ToArray();
            _listedIds = new HashSet<string>(built.ListedIds, StringComparer.Ordinal);
        }

        public IReadOnlyList<UserSpec> Creates { get; }

        public IReadOnlyList<(ScimUser User, ScimUserChange Change)> Updates { get; }

        /// <summary>Inactive users who are in the desired set again.</summary>
        public IReadOnlyList<ScimUser> Enables { get; }

        public IReadOnlyList<ScimUser> Disables { get; }

        /// <summary>Why each user the source marks as not active is disabled ("accountEnabled 'False' in desired row 7"),
        /// by id; a user missing from the desired set has no entry.</summary>
        public IReadOnlyDictionary<string, string> LeaverReasons { get; }

        /// <summary>Rows the source marks as not active whose person has no account here: nothing to do, never a create.</summary>
        public int LeaversWithoutAccount { get; }

        /// <summary>Guest rows (#EXT#) skipped: neither created nor changed, and their users not counted as missing.</summary>
        public IReadOnlyList<DesiredUserRow> Guests { get; }

        public int Unchanged { get; }

        /// <summary>What the server's listing shows of its users; attributes it never returns are not compared.</summary>
        public UserAttributesShown AttributesShown { get; }

        /// <summary>Desired rows that found a user here (the users -UpdateExisting may change): what a -MaxUpdate
        /// percentage counts against.</summary>
        public int Matched { get; }

        public int Excluded { get; }

        /// <summary>Active users on the server, what a -MaxDisable percentage counts against.</summary>
        public int ActiveUsers { get; }

        /// <summary>Users the server listed without an id that can address them: left out of the plan.</summary>
        public IReadOnlyList<ScimUser> Unaddressable { get; }

        /// <summary>Desired rows that could not be planned, each with the change it would have been and why.</summary>
        public IReadOnlyList<RejectedRow> Rejected { get; }

        /// <summary>Active users not disabled although no usable row names them: a refused row could name them (its key
        /// read as a person reads it, without invisible characters and blanks). A refused row is not a leaver.</summary>
        public IReadOnlyList<(ScimUser User, DesiredUserRow Row)> Protected { get; }

        /// <summary>The ids the listing showed, to tell a creation from a server handing back one it had.</summary>
        public IReadOnlyCollection<string> ListedIds => _listedIds;

        public bool WasListed(string? id) => id != null && _listedIds.Contains(id);
    }

    internal sealed class RejectedRow
    {
        public RejectedRow(DesiredUserRow row, string change, string reason)
        {
            Row = row;
            Change = change;
            Reason = reason;
        }

        public DesiredUserRow Row { get; }

        /// <summary>Read, Create or Update.</summary>
        public string Change { get; }

        public string Reason { get; }
    }
}
