using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Operations;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>The operations' host without PowerShell: every question, error, warning and output goes into one ordered
    /// log, beside the requests <see cref="WireLog"/> adds, so a test reads the order in which things happened.</summary>
    internal sealed class RecordingHost : IOperationHost
    {
        private readonly List<string> _events = new List<string>();

        /// <summary>-WhatIf: every question is answered no, and the operation knows it is a dry run.</summary>
        public bool WhatIf { get; set; }

        /// <summary>The answer to each -Confirm question (when not -WhatIf).</summary>
        public Func<string, bool> Confirm { get; set; } = _ => true;

        public List<ModeScimError> Errors { get; } = new List<ModeScimError>();

        public List<object> Output { get; } = new List<object>();

        public List<string> Warnings { get; } = new List<string>();

        public int RequestsMade => 0;

        public bool IsWhatIf => WhatIf;

        /// <summary>The log so far: "ask ..." for each question, "error &lt;id&gt;", "warning ...", "output", and the requests.</summary>
        public IReadOnlyList<string> Events
        {
            get
            {
                lock (_events)
                {
                    return _events.ToList();
                }
            }
        }

        public void Add(string line)
        {
            lock (_events)
            {
                _events.Add(line);
            }
        }

        public T Await<T>(Func<CancellationToken, Task<T>> work, Action? whileWaiting = null) =>
            work(CancellationToken.None).GetAwaiter().GetResult();

        public IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null) =>
            ItemOutcomes.RunAll(items, work, CancellationToken.None).GetAwaiter().GetResult();

        public IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator();
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield return enumerator.Current;
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        public bool ShouldProcess(string target, string action)
        {
            Add("ask " + target + ": " + action);
            return !WhatIf && Confirm(target);
        }

        public void WriteObject(object item)
        {
            Add("output");
            Output.Add(item);
        }

        public void WriteItemError(ModeScimError error)
        {
            Add("error " + error.ErrorId);
            Errors.Add(error);
        }

        public void WriteScimError(ScimException exception, object? target, ScimResourceKind resource)
        {
            WriteItemError(ErrorRecordFactory.FromScimException(exception, target, resource));
        }

        public void WriteWarning(string text)
        {
            Add("warning " + text);
            Warnings.Add(text);
        }

        public void WriteVerbose(string text)
        {
        }

        public void WriteProgress(ProgressRecord record)
        {
        }

        /// <summary>The error ids written, in order.</summary>
        public IReadOnlyList<string> ErrorIds => Errors.Select(e => e.ErrorId).ToList();
    }
}
