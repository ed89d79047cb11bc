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
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Logging;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that talks to the API: takes -Connection, or uses the one Connect-ModeScim made.</summary>
    public abstract class ModeScimConnectedCmdlet : ModeScimCmdlet
    {
        private ModeScimConnection? _active;
        private ScimMembershipReader? _memberships;

        /// <summary>The connection to use; defaults to the one Connect-ModeScim opened last.</summary>
        [Parameter]
        [ValidateNotNull]
        public ModeScimConnection? Connection { get; set; }

        protected ModeScimConnection ActiveConnection => _active
            ?? throw new PSInvalidOperationException("The connection is resolved in BeginProcessing.");

        /// <summary>The typed SCIM Client of the connection this command uses.</summary>
        private protected ScimClient Client => ActiveConnection.Client;

        /// <summary>Mode's REST API client; ends the command with ModeScim.RestApiNotConnected, before any request,
        /// when the connection was made without it.</summary>
        private protected ModeScim.Client.ModeApi.ModeApiClient RequireApi(string feature)
        {
            var api = ActiveConnection.Api;
            if (api == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.RestApiNotConnected(feature));
            }
            return api!;
        }

        /// <summary>One reader per command run: where memberships come from the group side, they are read once.</summary>
        private protected ScimMembershipReader Memberships => _memberships = _memberships
            ?? new ScimMembershipReader(Client, ActiveConnection.Api);

        /// <summary>For a command done with a whole workspace: drops the group side it read and gives the memory back
        /// (see <see cref="WorkspaceMemory"/>).</summary>
        private protected void ReleaseWorkspace(int usersHeld)
        {
            _memberships = null;
            WorkspaceMemory.ReleaseAfter(usersHeld);
        }

        /// <summary>Waits for work on this command's Client; see <see cref="ModeScimCmdlet.Await{T}"/>.</summary>
        private protected T Await<T>(Func<CancellationToken, Task<T>> work) => Await(Client, work);

        private protected IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(
            IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null)
        {
            return AwaitEach(Client, items, work, activity);
        }

        /// <summary>Waits for one piece of work made of many requests, with a progress bar counting them.</summary>
        private protected T AwaitWithProgress<T>(Func<CancellationToken, Task<T>> work, string activity, string what)
        {
            var progress = new ThrottledProgress(WriteProgress, ProgressIds.Items, activity);
            var before = RequestsMade;
            try
            {
                return Await(Client, work, () => progress.Report(0, null, (RequestsMade - before) + " requests so far: " + what));
            }
            finally
            {
                progress.Complete();
            }
        }

        private protected IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source) => Stream(Client, source);

        protected override void BeginProcessing()
        {
            var connection = Connection ?? ConnectionRegistry.Current;
            if (connection == null || !connection.TryAcquire())
            {
                ThrowTerminatingError(ErrorRecordFactory.NotConnected());
            }
            _active = connection;
        }

        /// <summary>The connection may be retired meanwhile (a Connect-ModeScim in another runspace): it closes only
        /// once this command is done with it.</summary>
        protected override void ReleaseResources()
        {
            _active?.Release();
            _active = null;
            base.ReleaseResources();
        }

        /// <summary>The one user an identity names, read fresh from the server; null after writing the
        /// reason it could not be found (invalid input, not found, ambiguous, or a request failure).</summary>
        private protected ScimUser? ResolveUser(ModeUserIdentity? identity)
        {
            if (!IsUsable(identity))
            {
                return null;
            }
            try
            {
                return UserFrom(identity!, Await(token => identity!.ResolveWith(new ScimUserResolver(Client), token)));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
                return null;
            }
        }

        /// <summary>The one identity given to a command whose other parameters are one object's new values (a new name, a
        /// desired member set). Such a parameter takes an array all the same: typed as one identity, it would have
        /// PowerShell's binder refuse two with a conversion error that names no reason. False, with nothing changed,
        /// after writing ModeScim.InvalidInput for more than one; <paramref name="one"/> is null for a null array,
        /// which the identity checks then report.</summary>
        private protected bool TryGetOne<T>(T?[]? given, string noun, string advice, out T? one)
            where T : class
        {
            one = given == null || given.Length == 0 ? null : given[0];
            if (given == null || given.Length < 2)
            {
                return true;
            }
            WriteItemError(ErrorRecordFactory.InvalidInput(MyInvocation.MyCommand.Name + " takes one " + noun + " at a time, and "
                + given.Length + " were given: " + string.Join(", ", given.Select(g => "'" + g + "'")) + ". " + advice, given));
            return false;
        }

        /// <summary>False after writing ModeScim.InvalidInput for an identity that cannot be looked up.</summary>
        private protected bool IsUsable(ModeUserIdentity? identity)
        {
            var problem = InputValidation.ProblemWith(identity);
            if (problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
            }
            return problem == null;
        }

        /// <summary>The user a resolution found; null after writing why there is none (ambiguous or not found).</summary>
        private protected ScimUser? UserFrom(ModeUserIdentity identity, ScimUserResolution resolution)
        {
            if (resolution.IsAmbiguous)
            {
                WriteItemError(ErrorRecordFactory.AmbiguousIdentity(identity, resolution.ByUserName!.UserName!, resolution.ById!.Id!));
                return null;
            }
            if (resolution.User == null)
            {
                WriteItemError(ErrorRecordFactory.UserNotFound(identity));
            }
            else if (!ResourceId.IsValid(resolution.User.Id))
            {
                // Nothing can be addressed, journalled or undone for a user the server gives no usable id.
                WriteItemError(ErrorRecordFactory.UnusableId(identity, resolution.User.Id));
                return null;
            }
            return resolution.User;
        }

        /// <summary>The one group an identity names; null after writing why not. Members are read only when asked for.</summary>
        private protected ScimGroup? ResolveGroup(ModeGroupIdentity? identity, bool withMembers)
        {
            var problem = InputValidation.ProblemWith(identity);
            if (problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
                return null;
            }
            try
            {
                var group = Await(token => new GroupResolver(Client, withMembers).ResolveAsync(identity!, token));
                if (group == null)
                {
                    WriteItemError(ErrorRecordFactory.GroupNotFound(identity!));
                }
                return group;
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.Group);
                return null;
            }
        }

        /// <summary>A listing that ended before the server's own count is said out loud, with both numbers: a server
        /// whose totalResults is wrong, or that stops paging early, must not cut a review short without a word.</summary>
        internal void WarnIfShort(ScimListingOutcome outcome, string what)
        {
            if (outcome.EndedShort)
            {
                WriteWarning("The server reported " + outcome.ReportedTotal + " " + what + ", but its listing ended after "
                    + outcome.Delivered + ". The results may be incomplete.");
            }
        }

        /// <summary>How a user is named in -WhatIf and -Confirm messages: the real name and the id.</summary>
        private protected static string Describe(ScimUser user) => user.UserName + " (" + user.Id + ")";

        private protected static string Describe(ScimGroup group) => group.DisplayName + " (" + group.Id + ")";
    }
}
