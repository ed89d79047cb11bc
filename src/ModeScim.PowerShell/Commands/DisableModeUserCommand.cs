using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deactivates users. Mode drops every group membership of a deactivated user, so the user's
    /// current groups are written to the journal, and flushed to disk, before active is set to false:
    /// Enable-ModeUser -RestoreGroups can then put them back. Piped users are handled in small batches whose
    /// lookups and changes run concurrently (within the connection's -ThrottleLimit); the journal is still
    /// written, one record at a time, before each change is sent.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class DisableModeUserCommand : ModeUserLifecycleCmdlet
    {
        private readonly List<(ModeUserIdentity? Identity, string? Reason)> _queue = new List<(ModeUserIdentity?, string?)>();

        // A user named twice (a repeated CSV row, a userName and an id of the same person) is disabled and journalled
        // once: in one batch both are read as active before either is disabled.
        private readonly HashSet<string> _handled = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Disable even when the server lets no one read the user's groups; the journal then records them
        /// as unknown, and -RestoreGroups cannot put them back.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        /// <summary>Before each user is disabled, give this member (email or Mode username) edit access on the user's
        /// collections and move the reports of the user's personal collections into -HandoverCollection. Needs the
        /// REST API; every change is journalled and Undo-ModeHandover reverses them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HandoverTo { get; set; }

        /// <summary>The shared collection that receives the reports of the leaver's personal collections.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HandoverCollection { get; set; }

        /// <summary>Hand over what is known when the REST API names no creator for some collections (they are named in a
        /// warning), instead of refusing the handover and leaving the leaver enabled.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownOwner { get; set; }

        private HandoverRunner? _handover;

        private int BatchSize => Math.Max(1, ActiveConnection.ThrottleLimit * 4);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _handover = StartHandover(HandoverTo, HandoverCollection, AllowUnknownOwner);
        }

        protected override void ProcessRecord()
        {
            foreach (var identity in Identities)
            {
                _queue.Add((identity, Reason));
                if (_queue.Count >= BatchSize)
                {
                    Flush();
                }
            }
        }

        protected override void EndProcessing()
        {
            Flush();
        }

        private void Flush()
        {
            var batch = _queue.ToList();
            _queue.Clear();
            var valid = new List<(ModeUserIdentity Identity, string? Reason)>();
            foreach (var (identity, reason) in batch)
            {
                if (IsUsable(identity))
                {
                    valid.Add((identity!, reason));
                }
            }
            var resolver = new ScimUserResolver(Client);
            var reader = Memberships;
            var found = AwaitEach(valid, (item, token) => ResolveWithGroupsAsync(resolver, reader, item.Identity, token),
                "Disable-ModeUser: reading users and their groups");

            var approved = new List<(ScimUser User, ModeScimJournalRecord Record, ModeUserIdentity Identity)>();
            for (var i = 0; i < valid.Count; i++)
            {
                var identity = valid[i].Identity;
                var outcome = found[i];
                if (outcome.Error != null)
                {
                    WriteScimError(outcome.Error, identity, ScimResourceKind.User);
                    continue;
                }
                var (resolution, memberships) = outcome.Value!;
                var user = UserFrom(identity, resolution);
                if (user == null)
                {
                    continue;
                }
                if (!_handled.Add(user.Id!))
                {
                    WriteVerbose(Describe(user) + " was given more than once; it is handled once.");
                    continue;
                }
                if (user.Active == false)
                {
                    // Disabled earlier, perhaps without a handover: the content can still be handed over.
                    if (_handover == null || _handover.HandOver(user, valid[i].Reason))
                    {
                        WriteVerbose(Describe(user) + " is already inactive; nothing more to do.");
                    }
                    continue;
                }
                if (!MayJournal(memberships!, user, AllowUnknownGroups, identity))
                {
                    continue;
                }
                // The handover comes first: once disabled, the leaver's personal collections are out of everyone's reach.
                if (_handover != null && !_handover.HandOver(user, valid[i].Reason))
                {
                    continue;
                }
                var action = "Disable (" + JournalNote(memberships!) + ")";
                if (ShouldProcess(Describe(user), action)
                    && TryJournal(JournalActions.Disable, user, memberships!, valid[i].Reason, out var record))
                {
                    approved.Add((user, record, identity));
                }
            }

            var updater = new ScimUserUpdater(Client);
            var disabled = AwaitEach(approved, (item, token) => updater.SetActiveAsync(item.User, false, token, reread: false),
                "Disable-ModeUser: disabling users");
            for (var i = 0; i < approved.Count; i++)
            {
                if (disabled[i].Error != null)
                {
                    WriteScimError(disabled[i].Error!, approved[i].Identity, ScimResourceKind.User);
                }
                else if (PassThru)
                {
                    WriteObject(approved[i].Record);
                }
            }
        }

        private static async Task<(ScimUserResolution Resolution, ScimUserMemberships? Memberships)> ResolveWithGroupsAsync(
            ScimUserResolver resolver, ScimMembershipReader reader, ModeUserIdentity identity, CancellationToken token)
        {
            var resolution = await identity.ResolveWith(resolver, token).ConfigureAwait(false);
            var user = resolution.User;
            // A user the server gives no usable id is refused later; nothing is read on its behalf.
            var memberships = user != null && user.Active != false && ResourceId.IsValid(user.Id)
                ? await reader.ReadAsync(user, token).ConfigureAwait(false)
                : null;
            return (resolution, memberships);
        }
    }
}
