using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>The root of every ModeScim cmdlet: runs async client calls to completion on the pipeline
    /// thread, cancels them when the pipeline is stopped (Ctrl+C), and writes one verbose line per request.</summary>
    public abstract class ModeScimCmdlet : PSCmdlet, IDisposable
    {
        private readonly AzurePipelinesLog _pipelineLog = AzurePipelinesLog.FromEnvironment();
        private readonly PipelineWork _work;
        private int _annotatedErrors;

        protected ModeScimCmdlet()
        {
            _work = new PipelineWork(WriteVerbose, () => DebugShown ? WriteDebug : (Action<string>?)null, WriteProgress);
        }

        private bool DebugShown => CommandPreferences.DebugShown(MyInvocation.BoundParameters, GetVariableValue("DebugPreference"));

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
        private protected bool IsWhatIf() => CommandPreferences.WhatIf(MyInvocation.BoundParameters, GetVariableValue("WhatIfPreference"));

        protected CancellationToken StopToken => _work.StopToken;

        /// <summary>Where this command's waits on the client run.</summary>
        private protected PipelineWork Work => _work;

        /// <summary>HTTP attempts this command has made so far.</summary>
        protected int RequestsMade => _work.RequestsMade;

        public void Dispose()
        {
            // A pipeline run with per-item failures is "succeeded with issues", not green, not red.
            if (_annotatedErrors > 0)
            {
                WriteToHost(AzurePipelinesLog.CompleteWithIssues());
            }
            ReleaseResources();
            _work.Dispose();
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
            if (_pipelineLog.Annotates
                && CommandPreferences.ErrorReachesTheLog(MyInvocation.BoundParameters, GetVariableValue("ErrorActionPreference")))
            {
                _annotatedErrors++;
                WriteToHost(_pipelineLog.Warning(record));
            }
            WriteError(record);
        }

        /// <summary>Every message the module prints goes through these, so that under Azure DevOps no text from a
        /// user list or a server can act as a logging command.</summary>
        public new void WriteWarning(string text) => Write(text, PromptFreeWriter.Warning, base.WriteWarning);

        public new void WriteVerbose(string text) => Write(text, PromptFreeWriter.Verbose, base.WriteVerbose);

        public new void WriteDebug(string text) => Write(text, PromptFreeWriter.Debug, base.WriteDebug);

        /// <summary>Under -Debug, PowerShell would make each debug, verbose and warning line a question: they are written
        /// without one.</summary>
        private void Write(string text, Action<ICommandRuntime, PSHostUserInterface?, string> withoutPrompt, Action<string> write)
        {
            if (CommandPreferences.DebugSwitch(MyInvocation.BoundParameters))
            {
                withoutPrompt(CommandRuntime, Host?.UI, _pipelineLog.Neutralise(text));
                return;
            }
            write(_pipelineLog.Neutralise(text));
        }

        public new void WriteError(ErrorRecord errorRecord) => base.WriteError(_pipelineLog.Neutralise(errorRecord));

        /// <summary>-WhatIf and -Confirm print the target and the action to the host, and both may hold text from a
        /// server or a file (a report's name): neutralised like every other line.</summary>
        /// <remarks>A question a -NonInteractive session cannot ask ends the command saying how to answer it beforehand,
        /// instead of PowerShell's "Read and Prompt functionality is not available".</remarks>
        public new bool ShouldProcess(string? target, string action)
        {
            try
            {
                return base.ShouldProcess(_pipelineLog.Neutralise(target ?? string.Empty), _pipelineLog.Neutralise(action));
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException)
            {
                ThrowTerminatingError(ErrorRecordFactory.ConfirmationUnavailable(MyInvocation.MyCommand.Name, target, action, ex));
                throw;
            }
        }

        /// <summary>Ends the command. Under Azure DevOps the module's own errors are also an error annotation with their id,
        /// whatever the script does with the error, so a refusal shows in the run's summary; the exception's Data then
        /// holds <see cref="AzurePipelinesLog.AnnotatedKey"/>.</summary>
        public new void ThrowTerminatingError(ErrorRecord errorRecord)
        {
            var record = _pipelineLog.Neutralise(errorRecord);
            var annotation = _pipelineLog.Annotates ? _pipelineLog.Error(record) : null;
            if (annotation != null)
            {
                WriteToHost(annotation);
                // A script's catch block that annotates what the module did not can tell (examples/offboarding.ps1).
                record.Exception.Data[AzurePipelinesLog.AnnotatedKey] = true;
            }
            base.ThrowTerminatingError(record);
        }

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

        protected override void StopProcessing() => _work.Stop();

        /// <summary>Waits, on the pipeline thread, for work on <paramref name="client"/>: see <see cref="PipelineWork"/>.</summary>
        protected T Await<T>(ScimClient client, Func<CancellationToken, Task<T>> work, Action? whileWaiting = null) =>
            _work.Await(client, work, whileWaiting);

        private protected IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(ScimClient client, IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null) => _work.AwaitEach(client, items, work, activity);

        protected IEnumerable<T> Stream<T>(ScimClient client, IAsyncEnumerable<T> source) => _work.Stream(client, source);

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
    }
}
