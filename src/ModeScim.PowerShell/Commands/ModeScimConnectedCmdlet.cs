using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that talks to the API: takes -Connection, or uses the one Connect-ModeScim made.</summary>
    public abstract class ModeScimConnectedCmdlet : ModeScimCmdlet, IOperationHost
    {
        private ModeScimConnection? _active;
        private ModeSession? _session;
        private TargetResolver? _targets;

        /// <summary>The connection to use; defaults to the one Connect-ModeScim opened last.</summary>
        [Parameter]
        [ValidateNotNull]
        public ModeScimConnection? Connection { get; set; }

        protected ModeScimConnection ActiveConnection => _active
            ?? throw new PSInvalidOperationException("The connection is resolved in BeginProcessing.");

        /// <summary>The typed SCIM Client of the connection this command uses.</summary>
        private protected ScimClient Client => ActiveConnection.Client;

        void IOperationHost.WriteObject(object item) => WriteObject(item);

        void IOperationHost.WriteWarning(string text) => WriteWarning(text);

        void IOperationHost.WriteVerbose(string text) => WriteVerbose(text);

        void IOperationHost.WriteProgress(ProgressRecord record) => WriteProgress(record);

        bool IOperationHost.ShouldProcess(string target, string action) => ShouldProcess(target, action);

        /// <summary>What the operations of this command run work with.</summary>
        private protected ModeSession Session => _session ??= new ModeSession(Client, ActiveConnection.Api, ActiveConnection.BaseUri,
            ActiveConnection.ThrottleLimit);

        /// <summary>Finds the users and groups identities name, writing why one cannot be found.</summary>
        private protected TargetResolver Targets => _targets ??= new TargetResolver(this, Client);

        /// <summary>One reader per command run: where memberships come from the group side, they are read once.</summary>
        private protected ScimMembershipReader Memberships => Session.Memberships;

        /// <summary>For a command done with a whole workspace: drops the group side it read and gives the memory back
        /// (see <see cref="WorkspaceMemory"/>).</summary>
        private protected void ReleaseWorkspace(int usersHeld)
        {
            Session.ForgetMemberships();
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

        /// <summary>How a user is named in -WhatIf and -Confirm messages: the real name and the id.</summary>
        private protected static string Describe(ScimUser user) => TargetResolver.Describe(user);

        private protected static string Describe(ScimGroup group) => TargetResolver.Describe(group);

        /// <summary>Opens the journal this command writes to, checking its path before any request.</summary>
        private protected JournalSession OpenJournal(string? journalPath)
        {
            string path;
            try
            {
                path = JournalLocation.Resolve(journalPath, SessionState);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ProviderNotFoundException || ex is DriveNotFoundException
                || ex is NotSupportedException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(ex.Message, journalPath, ex));
            }
            WriteVerbose("Journal: " + path);
            return new JournalSession(this, path, ActiveConnection.BaseUri);
        }

        /// <summary>A plan file's path on the file system, resolved as PowerShell resolves paths; refuses
        /// (ModeScim.InvalidInput) one on another provider, and one ending in .md, where its summary would overwrite it.</summary>
        private protected string ResolvePlanPath(string planPath)
        {
            try
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(planPath, out var provider, out _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("A plan must be a file, but '" + planPath + "' is on the " + provider.Name + " provider.");
                }
                if (string.Equals(System.IO.Path.GetExtension(path), ".md", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("A plan's Markdown summary is written beside it with the extension .md: name the plan "
                        + "itself .json.");
                }
                return path;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ProviderNotFoundException || ex is DriveNotFoundException
                || ex is NotSupportedException || ex is PSInvalidOperationException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(ex.Message, planPath, ex));
            }
        }

        T IOperationHost.Await<T>(Func<CancellationToken, Task<T>> work, Action? whileWaiting) => Await(Client, work, whileWaiting);

        IReadOnlyList<ItemOutcome<TResult>> IOperationHost.AwaitEach<TItem, TResult>(IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity) => AwaitEach(Client, items, work, activity);

        IEnumerable<T> IOperationHost.Stream<T>(IAsyncEnumerable<T> source) => Stream(Client, source);

        int IOperationHost.RequestsMade => RequestsMade;

        bool IOperationHost.IsWhatIf => IsWhatIf();

        void IOperationHost.WriteItemError(ModeScimError error) => WriteItemError(error);

        void IOperationHost.WriteScimError(ScimException exception, object? target, ScimResourceKind resource) =>
            WriteScimError(exception, target, resource);
    }
}
