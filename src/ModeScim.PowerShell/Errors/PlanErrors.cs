using System;
using System.IO;
using System.Management.Automation;

namespace ModeScim.PowerShell.Errors
{
    /// <summary>The errors of saved plans: a file that cannot be trusted is refused before any request, and a change whose
    /// target moved since the plan was approved is refused alone.</summary>
    internal static class PlanErrors
    {
        public static ModeScimError Invalid(string path, string why, Exception? inner = null) =>
            new ModeScimError(new InvalidDataException("'" + path + "' is not a plan ModeScim can apply: " + why, inner),
                ModeScimErrorIds.PlanInvalid, ErrorCategory.InvalidData, path);

        public static ModeScimError Tampered(string path, string stated, string actual) =>
            new ModeScimError(new InvalidDataException("The plan '" + path + "' was changed after it was made: it states SHA-256 "
                + stated + " but its content hashes to " + actual + ". Nothing was applied; make and approve a new plan."),
                ModeScimErrorIds.PlanTampered, ErrorCategory.SecurityError, path);

        public static ModeScimError Expired(string path, DateTime createdAt, TimeSpan age, TimeSpan maxAge)
        {
            var message = age < TimeSpan.Zero
                ? "The plan '" + path + "' is dated " + Utc(createdAt) + ", in the future: this machine's clock or the planning "
                    + "machine's is wrong. Nothing was applied."
                : "The plan '" + path + "' was made " + Utc(createdAt) + ", " + Hours(age) + " ago, more than -MaxAge " + Hours(maxAge)
                    + " allows: the workspace may have moved on since it was approved. Nothing was applied; make a new plan, "
                    + "or give a larger -MaxAge.";
            return new ModeScimError(new InvalidOperationException(message), ModeScimErrorIds.PlanExpired,
                ErrorCategory.InvalidOperation, path);
        }

        public static ModeScimError WorkspaceMismatch(string path, string planned, Uri connected) =>
            new ModeScimError(new InvalidOperationException("The plan '" + path + "' was made against " + planned
                + ", but this connection is to " + connected.AbsoluteUri + ". Nothing was applied."),
                ModeScimErrorIds.PlanWorkspaceMismatch, ErrorCategory.InvalidOperation, path);

        public static ModeScimError GuardExceeded(string path, string guards) =>
            new ModeScimError(new InvalidOperationException("The plan '" + path + "' exceeded its guards when it was made: "
                + guards + ". Nothing was applied. If an approver has seen and accepted that, apply it with -Force."),
                ModeScimErrorIds.PlanGuardExceeded, ErrorCategory.LimitsExceeded, path);

        /// <param name="what">What changed since the plan was made ("email is now b@x, planned from a@x").</param>
        public static ModeScimError Drift(string action, string target, string what) =>
            new ModeScimError(new InvalidOperationException(action + " of " + target + " was not made: " + what
                + " since the plan was made. Make a new plan for it."), ModeScimErrorIds.PlanDrift,
                ErrorCategory.ResourceUnavailable, target);

        public static ModeScimError InUse(string path, Exception inner) =>
            new ModeScimError(new InvalidOperationException("Another job is applying the plan '" + path + "' now. Nothing was applied "
                + "by this one: applying it twice at once could journal a leaver's groups after the other job's disable had "
                + "dropped them.", inner), ModeScimErrorIds.PlanInUse, ErrorCategory.ResourceBusy, path);

        private static string Utc(DateTime time) =>
            PowerShell.Models.UtcTimestamp.Text(time.ToUniversalTime());

        private static string Hours(TimeSpan span) =>
            Math.Abs(span.TotalHours).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " h";
    }
}
