using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Handover
{
    /// <summary>Hands a leaver's content to a successor before the leaver is disabled: reads the workspace once,
    /// plans each leaver with <see cref="HandoverPlanner"/>, and makes each step journal first. A leaver whose
    /// handover is refused or fails part way is reported and must not be disabled: what was done is journalled,
    /// and a second run picks up where it stopped.</summary>
    internal sealed class HandoverRunner
    {
        private readonly IOperationHost _host;
        private readonly JournalSession _journal;
        private readonly ModeApiClient _api;
        private readonly ModeAccountsRead _accounts;
        private readonly Uri _scimBaseUri;
        private WorkspaceDirectory? _directory;
        private IReadOnlyList<ModeSpace>? _spaces;
        private ModeWorkspaceAccount? _successor;
        private ModeSpace? _target;

        private readonly bool _allowUnknownOwner;

        /// <param name="allowUnknownOwner">Hand over what is known when the API names no creator for some collections,
        /// with a warning naming them, instead of refusing.</param>
        /// <param name="accounts">The workspace's accounts as the command reads them once (the lockout guard reads the same).</param>
        public HandoverRunner(IOperationHost host, JournalSession journal, ModeAccountsRead accounts, Uri scimBaseUri,
            bool allowUnknownOwner)
        {
            _host = host;
            _journal = journal;
            _accounts = accounts;
            _api = accounts.Api;
            _scimBaseUri = scimBaseUri;
            _allowUnknownOwner = allowUnknownOwner;
        }

        /// <summary>The handover to run before each leaver is disabled, read and checked before anything changes; null
        /// without -HandoverTo. Refuses (ends the command) when the successor or the collection cannot be used.</summary>
        public static HandoverRunner? Start(IOperationHost host, ModeSession session, JournalSession journal, string? successor,
            string? collection, bool allowUnknownOwner)
        {
            if (successor == null)
            {
                if (collection != null)
                {
                    throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(
                        "-HandoverCollection needs -HandoverTo: whose is the handover?", collection));
                }
                return null;
            }
            var runner = new HandoverRunner(host, journal, session.RequireAccounts("-HandoverTo"), session.BaseUri, allowUnknownOwner);
            ModeScimError? problem;
            try
            {
                problem = runner.Prepare(successor, collection);
            }
            catch (ScimException ex)
            {
                problem = ErrorRecordFactory.FromScimException(ex, successor, ScimResourceKind.Other);
            }
            return problem == null ? runner : throw new ModeScimRefusal(problem);
        }

        /// <summary>Reads the members and collections and finds the successor and the shared collection: the error to end
        /// the command with when either cannot be used, before anything is changed.</summary>
        public ModeScimError? Prepare(string successor, string? collectionName)
        {
            _directory = new WorkspaceDirectory(_host.Await(_accounts.ReadAsync));
            _spaces = _host.Await(_api.ListSpacesAsync);
            _successor = _directory.Find(successor);
            if (_successor == null)
            {
                return ErrorRecordFactory.AccountNotFound(successor, "-HandoverTo");
            }
            if (!_successor.IsActive)
            {
                return ErrorRecordFactory.HandoverRefused(successor, "the successor " + _successor.Username
                    + " is not an active member (state '" + (_successor.State ?? "unknown") + "').");
            }
            if (collectionName != null)
            {
                _target = HandoverPlanner.FindCollection(_spaces, collectionName, out var problem);
                if (_target == null)
                {
                    return ErrorRecordFactory.HandoverRefused(collectionName, problem!);
                }
            }
            return null;
        }

        /// <summary>The error id of the last handover that failed, for a sync's failure list.</summary>
        public string? LastFailureId { get; private set; }

        /// <summary>Hands over <paramref name="leaver"/>'s content; true when the leaver may now be disabled (under
        /// -WhatIf, when the plan was listed).</summary>
        public bool HandOver(ScimUser leaver, string? reason)
        {
            EnsurePrepared();
            var target = (object)(leaver.UserName ?? leaver.Id ?? string.Empty);
            var account = _directory.Find(leaver);
            if (account == null)
            {
                return Fail(ErrorRecordFactory.AccountNotFound(leaver.UserName ?? leaver.Id ?? string.Empty, "the leaver"));
            }
            HandoverPlan plan;
            try
            {
                plan = PlanFor(account);
            }
            catch (ScimException ex)
            {
                return Fail(ex, target);
            }
            if (plan.Refusal != null)
            {
                return Fail(plan.UnknownOwner.Count > 0
                    ? ErrorRecordFactory.OwnershipUnknown(target, Names(plan.UnknownOwner), "-" + AllowUnknownOwnerParameter)
                    : ErrorRecordFactory.HandoverRefused(target, plan.Refusal));
            }
            if (plan.UnknownOwner.Count > 0)
            {
                _host.WriteWarning(leaver.UserName + ": the REST API names no creator for " + Names(plan.UnknownOwner)
                    + "; whatever of that is theirs is not handed over (-" + AllowUnknownOwnerParameter + ").");
            }
            if (plan.Steps.Count == 0)
            {
                _host.WriteVerbose(leaver.UserName + ": nothing to hand over to " + _successor.Username + ".");
            }
            foreach (var step in plan.Steps)
            {
                if (!_host.ShouldProcess(leaver.UserName ?? string.Empty, step.Describe(_successor)))
                {
                    continue;
                }
                if (!_journal.TryAppend(EntryFor(step, leaver, reason), target))
                {
                    LastFailureId = ModeScimErrorIds.JournalWriteFailed;
                    return false;
                }
                try
                {
                    _host.Await(token => SendAsync(step, token));
                }
                catch (ScimException ex)
                {
                    return Fail(ex, target);
                }
            }
            return true;
        }

        public const string AllowUnknownOwnerParameter = "AllowUnknownOwner";

        /// <summary>The collections by name and kind, the first ten of them.</summary>
        private static string Names(IReadOnlyList<ModeSpace> spaces)
        {
            return spaces.Count + " collection(s) (" + Sample.Of(spaces.Select(s => s.Label)) + ")";
        }

        private bool Fail(ModeScimError error)
        {
            LastFailureId = error.ErrorId;
            _host.WriteItemError(error);
            return false;
        }

        private bool Fail(ScimException error, object target)
        {
            LastFailureId = ErrorRecordFactory.Classify(error, ScimResourceKind.Other).Id;
            _host.WriteScimError(error, target, ScimResourceKind.Other);
            return false;
        }

        private HandoverPlan PlanFor(ModeWorkspaceAccount leaver)
        {
            EnsurePrepared();
            var personal = HandoverPlanner.PersonalCollections(leaver, _spaces);
            var reports = new Dictionary<string, IReadOnlyList<ModeReport>>(StringComparer.Ordinal);
            foreach (var collection in personal)
            {
                reports[collection.Token!] = _host.Await(token => _api.ListReportsAsync(collection.Token!, token));
            }
            var permissions = new Dictionary<string, IReadOnlyList<ModePermission>>(StringComparer.Ordinal);
            foreach (var collection in HandoverPlanner.CollectionsToGrant(leaver, _spaces, _target))
            {
                permissions[collection.Token!] = _host.Await(token => _api.ListPermissionsAsync(collection.Token!, token));
            }
            return HandoverPlanner.Plan(leaver, _successor, _spaces, _target, reports, permissions, _allowUnknownOwner);
        }

        /// <summary>Sends one step and reads the answer: a grant answered with other access, or a move answered with the
        /// report elsewhere, did not happen (ModeScim.ChangeNotApplied), and the leaver must not be disabled. What the
        /// answer does not say is believed, as a bare 204 is.</summary>
        private async Task<bool> SendAsync(HandoverStep step, CancellationToken token)
        {
            EnsurePrepared();
            if (!step.IsMove)
            {
                var granted = await _api.GrantAsync(step.Collection.Token!, HandoverPlanner.EditAccess, HandoverPlanner.AccountAccessor,
                    _successor.MemberToken!, token).ConfigureAwait(false);
                if (Differs(granted.Action, HandoverPlanner.EditAccess) || Differs(granted.AccessorToken, _successor.MemberToken))
                {
                    throw NotApplied("POST", "collection '" + step.Collection.Name + "' permissions", "a grant of edit access to "
                        + _successor.Username + " with '" + granted.Action + "' access for " + granted.AccessorToken);
                }
            }
            else
            {
                var moved = await _api.MoveReportAsync(step.Report.Token!, step.Collection.Token!, token).ConfigureAwait(false);
                if (Differs(moved.SpaceToken, step.Collection.Token))
                {
                    throw NotApplied("PATCH", "report '" + step.Report.Name + "'", "the move into collection '" + step.Collection.Name
                        + "' with the report in collection " + moved.SpaceToken);
                }
            }
            return true;
        }

        /// <summary>What Prepare read is needed from here on; a handover before a successful Prepare is a bug in the
        /// caller. Called where those fields are read, so the compiler knows they are set.</summary>
        [MemberNotNull(nameof(_directory), nameof(_spaces), nameof(_successor))]
        private void EnsurePrepared()
        {
            if (_directory == null || _spaces == null || _successor == null)
            {
                throw new InvalidOperationException("HandOver was called before a successful Prepare.");
            }
        }

        private static bool Differs(string? answered, string? asked) =>
            answered != null && !string.Equals(answered, asked, StringComparison.OrdinalIgnoreCase);

        private static ScimException NotApplied(string method, string what, string answer) =>
            new ScimException(ScimErrorKind.ChangeNotApplied, method, what, 200, null, "the REST API answered " + answer
                + ": the change was not made");

        private JournalEntry EntryFor(HandoverStep step, ScimUser leaver, string? reason)
        {
            EnsurePrepared();
            var grant = step.Kind == HandoverStepKind.Grant;
            var entry = JournalMapper.NewEntry(grant ? JournalActions.HandoverGrant : JournalActions.HandoverMove, leaver,
                Enumerable.Empty<ModeGroupMembership>(), reason, _scimBaseUri);
            entry.Content = new JournalContent
            {
                Kind = grant ? "collection" : "report",
                Token = step.IsMove ? step.Report.Token! : step.Collection.Token!,
                Name = step.IsMove ? step.Report.Name : step.Collection.Name,
                FromCollection = step.From?.Token,
                FromCollectionName = step.From?.Name,
                ToCollection = step.Collection.Token,
                ToCollectionName = step.Collection.Name,
                Successor = _successor.Username,
                SuccessorToken = _successor.MemberToken,
                Access = grant ? HandoverPlanner.EditAccess : null,
                Workspace = _api.Workspace,
            };
            return entry;
        }
    }
}
