using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>The root of every ModeScim cmdlet: runs async client calls to completion on the pipeline
    /// thread, cancels them when the pipeline is stopped (Ctrl+C), and writes one verbose line per request.</summary>
    public abstract class ModeScimCmdlet : PSCmdlet, IDisposable
    {
        private const int DebugBodyLimit = 4000;

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly CmdletRequestLog _requestLog = new CmdletRequestLog();
        private readonly AzurePipelinesLog _pipelineLog = AzurePipelinesLog.FromEnvironment();
        private int _annotatedErrors;
        private ScimServerCapabilities? _watchedCapabilities;
        private Dictionary<ScimCapability, ScimSupport> _knownCapabilities = new Dictionary<ScimCapability, ScimSupport>();
        private int _knownCapabilityVersion = -1;

        /// <summary>An admin's -ColumnMap, checked whole: a target that is not an attribute ends the command before any
        /// request, naming it.</summary>
        private protected Users.ColumnMapping ReadColumnMap(System.Collections.IDictionary? map)
        {
            var mapping = Users.ColumnMapping.Parse(map, out var problem);
            if (mapping == null)
            {
                ThrowTerminatingError(Errors.ErrorRecordFactory.InvalidInput(problem!, map));
            }
            return mapping!;
        }

        /// <summary>Whether this run only says what it would do (-WhatIf, or $WhatIfPreference), as opposed to a change
        /// declined at a -Confirm prompt: a plan that builds on earlier steps assumes them done under -WhatIf only.</summary>
        private protected bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter flag)
            {
                return flag.IsPresent;
            }
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>HTTP attempts this command has made so far.</summary>
        protected int RequestsMade => _requestLog.Count;

        public void Dispose()
        {
            // A pipeline run with per-item failures is "succeeded with issues", not green, not red.
            if (_annotatedErrors > 0)
            {
                WriteToHost(AzurePipelinesLog.CompleteWithIssues());
            }
            ReleaseResources();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Called once when PowerShell disposes the command, whether it ended, failed or was stopped.</summary>
        protected virtual void ReleaseResources()
        {
        }

        /// <summary>A failure of one item: the pipeline goes on with the next. In Azure DevOps, a failure that will
        /// reach the log (its effective ErrorAction is Continue or Inquire) is also a warning annotation, so the run's
        /// summary shows it; one the caller handles (SilentlyContinue, Ignore, or Stop inside try/catch) is not: a
        /// routine "does this user exist?" must not turn a nightly run yellow.</summary>
        protected void WriteItemError(ErrorRecord record)
        {
            if (_pipelineLog.Annotates && ReachesTheLog())
            {
                _annotatedErrors++;
                WriteToHost(_pipelineLog.Warning(record));
            }
            WriteError(record);
        }

        /// <summary>True when a non-terminating error will be shown: -ErrorAction, else $ErrorActionPreference, is
        /// Continue or Inquire. Stop is left out: the error then becomes the caller's exception, caught or not.</summary>
        private bool ReachesTheLog()
        {
            var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound)
                ? bound
                : GetVariableValue("ErrorActionPreference");
            if (!(preference is ActionPreference action) && !Enum.TryParse(preference?.ToString(), true, out action))
            {
                action = ActionPreference.Continue;
            }
            return action == ActionPreference.Continue || action == ActionPreference.Inquire;
        }

        /// <summary>Every message the module prints goes through these, so that under Azure DevOps no text from a
        /// user list or a server can act as a logging command.</summary>
        public new void WriteWarning(string text)
        {
            if (UnderDebugSwitch)
            {
                PromptFreeWriter.Warning(CommandRuntime, Host?.UI, _pipelineLog.Neutralise(text));
                return;
            }
            base.WriteWarning(_pipelineLog.Neutralise(text));
        }

        public new void WriteVerbose(string text)
        {
            if (UnderDebugSwitch)
            {
                PromptFreeWriter.Verbose(CommandRuntime, Host?.UI, _pipelineLog.Neutralise(text));
                return;
            }
            base.WriteVerbose(_pipelineLog.Neutralise(text));
        }

        public new void WriteDebug(string text)
        {
            if (UnderDebugSwitch)
            {
                PromptFreeWriter.Debug(CommandRuntime, Host?.UI, _pipelineLog.Neutralise(text));
                return;
            }
            base.WriteDebug(_pipelineLog.Neutralise(text));
        }

        /// <summary>-Debug was given: PowerShell would make each debug, verbose and warning line a question.</summary>
        private bool UnderDebugSwitch =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && LanguagePrimitives.IsTrue(debug);

        public new void WriteError(ErrorRecord errorRecord) => base.WriteError(_pipelineLog.Neutralise(errorRecord));

        /// <summary>-WhatIf and -Confirm print the target and the action to the host, and both may hold text from a
        /// server or a file (a report's name): neutralised like every other line.</summary>
        public new bool ShouldProcess(string? target, string action) =>
            base.ShouldProcess(_pipelineLog.Neutralise(target ?? string.Empty), _pipelineLog.Neutralise(action));

        public new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(_pipelineLog.Neutralise(errorRecord));

        /// <summary>Runs one step of an operation; a refusal it throws ends the command with its error.</summary>
        private protected void Run(Action step)
        {
            try
            {
                step();
            }
            catch (ModeScimRefusal refusal)
            {
                ThrowTerminatingError(refusal.Error);
            }
        }

        protected override void StopProcessing()
        {
            _stopping.Cancel();
        }

        /// <summary>Waits for <paramref name="work"/>. A stop request ends the pipeline as stopped, not as an error.</summary>
        /// <param name="whileWaiting">Called on the pipeline thread every progress interval until the work is done
        /// (request lines are written then too), for a progress bar over work that runs off the pipeline thread.</param>
        protected T Await<T>(ScimClient client, Func<CancellationToken, Task<T>> work, Action? whileWaiting = null)
        {
            Watch(client.Capabilities);
            try
            {
                using (ScimClient.Observe(_requestLog))
                {
                    var task = work(_stopping.Token);
                    if (whileWaiting != null)
                    {
                        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(ThrottledProgress.Interval))
                        {
                            FlushRequestLog();
                            whileWaiting();
                        }
                    }
                    return task.GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                FlushRequestLog();
                ReportLearned(client.Capabilities);
            }
        }

        private void Watch(ScimServerCapabilities capabilities)
        {
            if (!ReferenceEquals(capabilities, _watchedCapabilities))
            {
                _watchedCapabilities = capabilities;
                _knownCapabilities = capabilities.Snapshot().ToDictionary(p => p.Key, p => p.Value);
                _knownCapabilityVersion = capabilities.Version;
            }
        }

        /// <summary>One verbose line for each fact the client learned about the server during this command, so a
        /// trace shows why a command took the way it did (and a bug report can carry it).</summary>
        private void ReportLearned(ScimServerCapabilities capabilities)
        {
            if (!ReferenceEquals(capabilities, _watchedCapabilities) || capabilities.Version == _knownCapabilityVersion)
            {
                return;
            }
            _knownCapabilityVersion = capabilities.Version;
            foreach (var pair in capabilities.Snapshot())
            {
                if (_knownCapabilities[pair.Key] != pair.Value)
                {
                    _knownCapabilities[pair.Key] = pair.Value;
                    WriteVerbose("Learned: " + ScimServerCapabilities.Describe(pair.Key, pair.Value));
                }
            }
        }

        /// <summary>Runs <paramref name="work"/> for every item at once (the client's request limit bounds how many
        /// requests are in flight) and returns, in the items' order, each result or the failure it ended with.</summary>
        /// <param name="activity">When given, a progress bar counts the items done while they run.</param>
        private protected IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(
            ScimClient client, IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null)
        {
            if (items.Count == 0)
            {
                return Array.Empty<ItemOutcome<TResult>>();
            }
            var done = new DoneCounter();
            var progress = activity == null ? null : new ThrottledProgress(WriteProgress, ProgressIds.Items, activity);
            var outcomes = Await(
                client,
                token => ItemOutcomes.RunAll(items, work, token, done),
                progress == null ? null : () => progress.Report(done.Count, items.Count, done.Count + " of " + items.Count));
            progress?.Complete();
            return outcomes;
        }

        /// <summary>Pulls an async stream one element at a time, so output flows as pages arrive.</summary>
        protected IEnumerable<T> Stream<T>(ScimClient client, IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator(_stopping.Token);
            try
            {
                while (Await(client, _ => enumerator.MoveNextAsync().AsTask()))
                {
                    yield return enumerator.Current;
                }
            }
            finally
            {
                Await(client, async _ =>
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                    return true;
                });
            }
        }

        /// <summary>Per-item failures are written and the pipeline goes on; an authentication failure would
        /// fail every item the same way, so it ends the command.</summary>
        private protected void WriteScimError(ScimException exception, object? target, ScimResourceKind resource)
        {
            var record = ErrorRecordFactory.FromScimException(exception, target, resource);
            if (exception.Kind == ScimErrorKind.Unauthorized || exception.Kind == ScimErrorKind.Forbidden)
            {
                ThrowTerminatingError(record);
            }
            WriteItemError(record);
        }

        private void WriteToHost(string line)
        {
            try
            {
                Host?.UI?.WriteLine(line);
            }
            catch (HostException)
            {
                // A host without a UI (a bare runspace) has no place for annotations; the error itself was written.
            }
        }

        private void FlushRequestLog()
        {
            var debugging = IsDebugEnabled();
            while (_requestLog.TryTake(out var record))
            {
                WriteVerbose(record.ToString());
                if (debugging)
                {
                    if (record.RequestBody != null)
                    {
                        WriteDebug("Request body: " + Truncate(record.RequestBody));
                    }
                    if (!string.IsNullOrEmpty(record.ResponseBody))
                    {
                        WriteDebug("Response body: " + Truncate(record.ResponseBody!));
                    }
                }
            }
        }

        private bool IsDebugEnabled()
        {
            if (UnderDebugSwitch)
            {
                return true;
            }
            var preference = GetVariableValue("DebugPreference");
            return preference is ActionPreference action ? action != ActionPreference.SilentlyContinue : preference != null
                && !string.Equals(preference.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
        }

        private static string Truncate(string body)
        {
            return body.Length <= DebugBodyLimit ? body : body.Substring(0, DebugBodyLimit) + "... (" + body.Length + " characters)";
        }
    }
}
