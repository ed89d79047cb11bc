using System.Collections.Generic;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Decides whether a user's memberships, as read, may go into a journal record: an empty record would claim
    /// "no groups" for someone who may have had some.</summary>
    internal sealed class MembershipGate
    {
        /// <summary>The switch that accepts a change whose groups cannot be journalled.</summary>
        internal const string AllowUnknownGroupsParameter = "AllowUnknownGroups";

        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly bool _allowUnknown;

        /// <param name="allowUnknown">-AllowUnknownGroups: record unreadable groups as unknown instead of refusing.</param>
        public MembershipGate(IOperationHost host, ModeSession session, bool allowUnknown)
        {
            _host = host;
            _session = session;
            _allowUnknown = allowUnknown;
        }

        /// <summary>The groups to journal for <paramref name="user"/>, from a source the reader trusts; null after writing
        /// ModeScim.MembershipUnreadable.</summary>
        public ScimUserMemberships? Read(ScimUser user, object? target)
        {
            var memberships = _host.Await(token => _session.Memberships.ReadAsync(user, token));
            return Admits(memberships, user, target) ? memberships : null;
        }

        /// <summary>Before the groups of many users just read in a listing or a batch are read one by one: reads the group
        /// side once where that is cheaper than reading each user alone (<see cref="ScimMembershipReader.PrepareForAsync"/>).
        /// A failure here costs only that: each user is then read alone, and a failure of that read is the user's.</summary>
        public void PrepareFor(IReadOnlyCollection<ScimUser> users)
        {
            try
            {
                _host.Await(async token =>
                {
                    await _session.Memberships.PrepareForAsync(users, token).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ScimException ex)
            {
                _host.WriteVerbose("The groups could not be read for all users at once (" + ex.Message + "); each user is read alone.");
            }
        }

        /// <summary>True when the memberships may go into a record: known (with a warning for each note its source made),
        /// or accepted as unknown with a warning. False after writing ModeScim.MembershipUnreadable.</summary>
        public bool Admits(ScimUserMemberships memberships, ScimUser user, object? target)
        {
            if (memberships.IsKnown)
            {
                foreach (var note in memberships.Notes)
                {
                    _host.WriteWarning(note);
                }
                return true;
            }
            if (_allowUnknown)
            {
                _host.WriteWarning(TargetResolver.Describe(user) + ": its groups cannot be read ("
                    + (memberships.Problem ?? "the server does not show them") + "); the journal records them as unknown.");
                return true;
            }
            _host.WriteItemError(ErrorRecordFactory.MembershipUnreadable(target ?? user.UserName ?? user.Id ?? string.Empty,
                "the groups of " + TargetResolver.Describe(user), "-" + AllowUnknownGroupsParameter, memberships.Problem,
                _session.Api != null));
            return false;
        }
    }
}
