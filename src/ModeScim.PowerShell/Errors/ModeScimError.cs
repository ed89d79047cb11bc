using System;
using System.Management.Automation;

namespace ModeScim.PowerShell.Errors
{
    /// <summary>A failure with its stable id, category and the item it concerns, as the operations report it. An
    /// ErrorRecord is made from it only where PowerShell takes it (the cmdlet host): the operations and their tests run
    /// without a PowerShell runtime, where an ErrorRecord has no working members.</summary>
    internal sealed class ModeScimError
    {
        public ModeScimError(Exception exception, string errorId, ErrorCategory category, object? target)
        {
            Exception = exception;
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public Exception Exception { get; }

        /// <summary>One of <see cref="ModeScimErrorIds"/>.</summary>
        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public object? Target { get; }

        /// <summary>What the admin sees: the exception's message, and the hint when there is one.</summary>
        public string Message => Hint == null ? Exception.Message : Exception.Message + " " + Hint;

        /// <summary>The likely cause and its fix, shown after the message (and as its recommended action), so that the
        /// exception stays the one that failed.</summary>
        public string? Hint { get; set; }

        /// <summary>What the admin can do about it, when there is more to say than the message.</summary>
        public string? RecommendedAction { get; set; }

        public ErrorRecord ToRecord()
        {
            var record = new ErrorRecord(Exception, ErrorId, Category, Target);
            if (RecommendedAction != null || Hint != null)
            {
                record.ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction ?? Hint };
            }
            return record;
        }

        public static implicit operator ErrorRecord(ModeScimError error) => error.ToRecord();

        public override string ToString() => ErrorId + ": " + Message;
    }
}
