using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>A host whose output goes to a caller's action instead of the pipeline, and which otherwise is the command's
    /// own: an operation run inside another (the access report inside Export-ModeEvidence) writes its rows to a file.</summary>
    internal sealed class DivertedOutputHost : IOperationHost
    {
        private readonly IOperationHost _inner;
        private readonly Action<object> _output;

        public DivertedOutputHost(IOperationHost inner, Action<object> output)
        {
            _inner = inner;
            _output = output;
        }

        public int RequestsMade => _inner.RequestsMade;

        public bool IsWhatIf => _inner.IsWhatIf;

        public T Await<T>(Func<CancellationToken, Task<T>> work, Action? whileWaiting = null) => _inner.Await(work, whileWaiting);

        public IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null) => _inner.AwaitEach(items, work, activity);

        public IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source) => _inner.Stream(source);

        public bool ShouldProcess(string target, string action) => _inner.ShouldProcess(target, action);

        public void WriteObject(object item) => _output(item);

        public void WriteItemError(ModeScimError error) => _inner.WriteItemError(error);

        public void WriteScimError(ScimException exception, object? target, ScimResourceKind resource) =>
            _inner.WriteScimError(exception, target, resource);

        public void WriteWarning(string text) => _inner.WriteWarning(text);

        public void WriteVerbose(string text) => _inner.WriteVerbose(text);

        public void WriteProgress(ProgressRecord record) => _inner.WriteProgress(record);
    }
}
