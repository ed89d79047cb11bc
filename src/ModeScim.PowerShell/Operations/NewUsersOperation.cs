using System.Collections.Generic;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>New-ModeUser: each user, read from a row or from parameters, is checked first and refused without a
    /// request when it cannot be created as given (a bad value, a row its source marks as not active, a guest); a valid
    /// one is looked up, journalled, created, and its answer read as <see cref="CreateAnswer"/> says.</summary>
    internal sealed class NewUsersOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly bool _includeGuests;

        /// <param name="includeGuests">Create Entra guest rows (#EXT#) too, instead of skipping them with a warning.</param>
        public NewUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, bool includeGuests)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _includeGuests = includeGuests;
        }

        /// <summary>Creates the user a row names.</summary>
        /// <param name="fromObject">The row was read from a piped object, whose status columns count; otherwise its values
        /// are the parameters and <see cref="DesiredUserRow.Source"/> names them for an error.</param>
        /// <param name="active">False for -Inactive.</param>
        public void Create(DesiredUserRow row, bool fromObject, bool active)
        {
            if (fromObject && !AdmitsRow(row))
            {
                return;
            }
            var spec = row.Spec;
            if (!spec.IsValid)
            {
                var who = string.IsNullOrEmpty(spec.UserName) ? "A user" : "User '" + spec.UserName + "'";
                var columns = fromObject ? " (row " + row.Number + "; its columns are " + row.Columns + ")" : string.Empty;
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(who + " was not created" + columns + ": "
                    + string.Join(" ", spec.Problems), (object?)spec.UserName ?? row.Source));
                return;
            }
            var user = spec.ToNewUser(active);
            if (_host.ShouldProcess(user.UserName!, "Create Mode user"))
            {
                Send(user);
            }
        }

        /// <summary>False after saying why a row read from an object is not created.</summary>
        private bool AdmitsRow(DesiredUserRow row)
        {
            var spec = row.Spec;
            var label = spec.UserName ?? "Row " + row.Number;
            if (spec.Status.Problem != null)
            {
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(label + " was not created: " + spec.Status.Problem, row.Source));
                return false;
            }
            if (spec.Status.IsInactive)
            {
                _host.WriteItemError(ErrorRecordFactory.InactiveInSource(label, spec.Status.Describe(), row.Number));
                return false;
            }
            if (spec.IsGuest && !_includeGuests)
            {
                _host.WriteWarning(label + " is an Entra guest (#EXT#) and was not created; -IncludeGuests creates guests.");
                return false;
            }
            return true;
        }

        private void Send(ScimUser user)
        {
            var client = _session.Client;
            var userName = user.UserName!;
            try
            {
                // Look first, as Okta and Entra do: a server may answer a duplicate POST by handing back the existing user
                // (with 201 or 200) instead of 409, and only the lookup tells that apart.
                var existing = _host.Await(token => new ScimUserResolver(client).FindByUserNameAsync(userName, token));
                if (existing != null)
                {
                    _host.WriteItemError(ErrorRecordFactory.UserAlreadyExists(userName, existing.UserName, existing.Id, null));
                    return;
                }
                // Recorded before the POST, as every change is, so the record names no id: the server gives it in its
                // answer. A record that cannot be written leaves the user uncreated.
                if (!_journal.TryAppend(UserChangeRecords.Create(user, "New-ModeUser", _session.BaseUri), userName))
                {
                    return;
                }
                var answer = _host.Await(token => client.Users.CreateOrAdoptAsync(user, token));
                switch (CreateAnswer.Judge(userName, answer))
                {
                    case CreateAnswerKind.Another:
                        _host.WriteItemError(CreateAnswer.AnotherUser(userName, answer));
                        break;
                    case CreateAnswerKind.Existing:
                        _host.WriteItemError(ErrorRecordFactory.UserAlreadyExists(userName, answer.Resource.UserName, answer.Resource.Id,
                            null));
                        break;
                    default:
                        // A user just made is in no group, whatever the server's answer shows of "groups".
                        _host.WriteObject(ModeUserMapper.ToModeUser(answer.Resource, null, client.Capabilities,
                            ScimUserMemberships.Known(new List<ScimMultiValue>(), ScimMembershipSource.UserAttribute)));
                        break;
                }
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.Conflict)
            {
                var holder = FindHolder(userName, out var lookedUp);
                _host.WriteItemError(holder == null && lookedUp ? ErrorRecordFactory.DuplicateRefused(userName, ex)
                    : ErrorRecordFactory.UserAlreadyExists(userName, holder?.UserName, holder?.Id, ex));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, userName, ScimResourceKind.User);
            }
        }

        /// <param name="lookedUp">False when the lookup failed: then nobody can be said to hold the userName or not.</param>
        private ScimUser? FindHolder(string userName, out bool lookedUp)
        {
            try
            {
                var holder = _host.Await(token => new ScimUserResolver(_session.Client).FindByUserNameAsync(userName, token));
                lookedUp = true;
                return holder;
            }
            catch (ScimException)
            {
                // The conflict is what matters; naming the holder is a courtesy.
                lookedUp = false;
                return null;
            }
        }
    }
}
