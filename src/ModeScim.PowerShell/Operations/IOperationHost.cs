using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>All an operation needs of PowerShell: the cmdlet implements it, and the operations' tests implement it
    /// with a recorder, so the order of reads, questions, journal records and changes is tested without a runspace.
    /// A refusal that ends the command is a <see cref="ModeScimRefusal"/> thrown by the operation.</summary>
    internal interface IOperationHost
    {
        /// <summary>Waits, on the pipeline thread, for work on the command's client; a stop ends the pipeline.</summary>
        /// <param name="whileWaiting">Called every progress interval until the work is done.</param>
        T Await<T>(Func<CancellationToken, Task<T>> work, Action? whileWaiting = null);

        /// <summary>Runs the work for every item at once (the client's request limit bounds the requests in flight) and
        /// returns, in the items' order, each result or the SCIM failure it ended with.</summary>
        /// <param name="activity">When given, a progress bar counts the items done.</param>
        IReadOnlyList<ItemOutcome<TResult>> AwaitEach<TItem, TResult>(IReadOnlyList<TItem> items,
            Func<TItem, CancellationToken, Task<TResult>> work, string? activity = null);

        /// <summary>Pulls an async stream one element at a time, so output flows as pages arrive.</summary>
        IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source);

        /// <summary>HTTP attempts the command has made so far.</summary>
        int RequestsMade { get; }

        /// <summary>Whether the run only says what it would do (-WhatIf), as opposed to a change declined at a prompt.</summary>
        bool IsWhatIf { get; }

        bool ShouldProcess(string target, string action);

        void WriteObject(object item);

        /// <summary>A failure of one item: the pipeline goes on with the next.</summary>
        void WriteItemError(ModeScimError error);

        /// <summary>A request failure of one item; an authentication failure, which would fail every item the same way,
        /// ends the command.</summary>
        void WriteScimError(ScimException exception, object? target, ScimResourceKind resource);

        void WriteWarning(string text);

        void WriteVerbose(string text);

        void WriteProgress(ProgressRecord record);
    }
}
