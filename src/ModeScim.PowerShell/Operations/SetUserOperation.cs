using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The new values Set-ModeUser was given for one user, and which parameters were typed on the command line
    /// (the rest came from a piped row).</summary>
    internal sealed class UserChangeValues
    {
        public UserChangeValues(ISet<string> typed)
        {
            Typed = typed;
        }

        public ISet<string> Typed { get; }

        public string? NewUserName { get; set; }

        public string? Email { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? DisplayName { get; set; }

        public string? ExternalId { get; set; }
    }

    /// <summary>Set-ModeUser: changes exactly the attributes given, with one PATCH (or, on a server without PATCH, one PUT
    /// of the current user with those attributes changed), journalled first with each attribute's value as the user was read.
    /// Input that cannot be sent is refused before any request.</summary>
    internal sealed class SetUserOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly TargetResolver _targets;
        private readonly bool _passThru;

        public SetUserOperation(IOperationHost host, ModeSession session, JournalSession journal, bool passThru)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _passThru = passThru;
            _targets = new TargetResolver(host, session.Client);
        }

        public void Set(ModeUserIdentity? identity, UserChangeValues values)
        {
            var change = BuildChange(identity, values);
            if (change == null)
            {
                return;
            }
            var user = _targets.ResolveUser(identity);
            if (user == null || !_host.ShouldProcess(TargetResolver.Describe(user), "Set " + string.Join(", ", change.ChangedAttributes)))
            {
                return;
            }
            // Journalled before the change, with each attribute's value as the user was just read.
            var record = UserChangeRecords.Update(user, change, "Set-ModeUser", _session.BaseUri);
            if (!_journal.TryAppend(record, TargetResolver.Describe(user)))
            {
                return;
            }
            try
            {
                var updater = new ScimUserUpdater(_session.Client);
                var updated = _host.Await(token => updater.ApplyAsync(user, change, token));
                if (_passThru)
                {
                    _host.WriteObject(ModeUserMapper.ToModeUser(updated, null, _session.Client.Capabilities));
                }
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.Conflict && change.UserName != null)
            {
                _host.WriteItemError(ErrorRecordFactory.UserAlreadyExists(change.UserName, null, null, ex));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }

        /// <summary>The change to make, or null after writing why the input cannot be sent.</summary>
        private ScimUserChange? BuildChange(ModeUserIdentity? identity, UserChangeValues values)
        {
            // A typed '' clears the attribute; an empty cell of a piped row leaves it alone, so a sparse export never
            // erases what Mode has.
            string? FromRowOrTyped(string parameter, string? value)
            {
                var clean = UserInputValidator.Clean(value);
                return clean?.Length == 0 && !values.Typed.Contains(parameter) ? null : clean;
            }
            var change = new ScimUserChange
            {
                UserName = UserInputValidator.Clean(values.NewUserName),
                Email = FromRowOrTyped("Email", values.Email),
                GivenName = FromRowOrTyped("GivenName", values.GivenName),
                FamilyName = FromRowOrTyped("FamilyName", values.FamilyName),
                DisplayName = FromRowOrTyped("DisplayName", values.DisplayName),
                ExternalId = FromRowOrTyped("ExternalId", values.ExternalId),
            };
            var problems = new[]
            {
                change.UserName == null ? null : UserInputValidator.Check("UserName", change.UserName, required: true, identifier: true),
                change.Email == null ? null
                    : UserInputValidator.Check("Email", change.Email, required: true, isEmail: true, identifier: true),
                UserInputValidator.Check("GivenName", change.GivenName, required: false),
                UserInputValidator.Check("FamilyName", change.FamilyName, required: false),
                UserInputValidator.Check("DisplayName", change.DisplayName, required: false),
                UserInputValidator.Check("ExternalId", change.ExternalId, required: false, identifier: true),
            }.Where(p => p != null).ToList();
            if (change.IsEmpty)
            {
                problems.Add(
                    "Name at least one attribute to change: -NewUserName, -Email, -GivenName, -FamilyName, -DisplayName or -ExternalId.");
            }
            if (problems.Count > 0)
            {
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(string.Join(" ", problems), identity));
                return null;
            }
            return change;
        }
    }
}
