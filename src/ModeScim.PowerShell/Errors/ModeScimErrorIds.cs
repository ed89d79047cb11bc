namespace ModeScim.PowerShell.Errors
{
    /// <summary>The error ids scripts may match on. They are API: renaming one is a breaking change.</summary>
    public static class ModeScimErrorIds
    {
        public const string InvalidInput = "ModeScim.InvalidInput";
        public const string InvalidFilter = "ModeScim.InvalidFilter";
        public const string InsecureBaseUri = "ModeScim.InsecureBaseUri";
        public const string MissingToken = "ModeScim.MissingToken";
        public const string NotConnected = "ModeScim.NotConnected";
        public const string ConfirmationUnavailable = "ModeScim.ConfirmationUnavailable";
        public const string UserNotFound = "ModeScim.UserNotFound";
        public const string GroupNotFound = "ModeScim.GroupNotFound";
        public const string ResourceNotFound = "ModeScim.ResourceNotFound";
        public const string UserAlreadyExists = "ModeScim.UserAlreadyExists";
        public const string GroupAlreadyExists = "ModeScim.GroupAlreadyExists";
        public const string Conflict = "ModeScim.Conflict";
        public const string AmbiguousIdentity = "ModeScim.AmbiguousIdentity";
        public const string Unauthorized = "ModeScim.Unauthorized";
        public const string Forbidden = "ModeScim.Forbidden";
        public const string Throttled = "ModeScim.Throttled";
        public const string ServerError = "ModeScim.ServerError";
        public const string Timeout = "ModeScim.Timeout";
        public const string ConnectionFailed = "ModeScim.ConnectionFailed";
        public const string OutcomeUnknown = "ModeScim.OutcomeUnknown";
        public const string InvalidRequest = "ModeScim.InvalidRequest";
        public const string InvalidResponse = "ModeScim.InvalidResponse";
        public const string PreconditionFailed = "ModeScim.PreconditionFailed";
        public const string PayloadTooLarge = "ModeScim.PayloadTooLarge";
        public const string DisableThresholdExceeded = "ModeScim.DisableThresholdExceeded";
        public const string EmptyDesiredSet = "ModeScim.EmptyDesiredSet";
        public const string RemoveThresholdExceeded = "ModeScim.RemoveThresholdExceeded";
        public const string JournalWriteFailed = "ModeScim.JournalWriteFailed";
        public const string JournalNotFound = "ModeScim.JournalNotFound";
        public const string MembershipUnreadable = "ModeScim.MembershipUnreadable";

        /// <summary>-RestoreGroups for a user the journal holds no Disable record of: nothing to restore from.</summary>
        public const string NoRestoreRecord = "ModeScim.NoRestoreRecord";
        public const string DesiredSetUnresolved = "ModeScim.DesiredSetUnresolved";
        public const string ResponseTooLarge = "ModeScim.ResponseTooLarge";
        public const string ListingTooLong = "ModeScim.ListingTooLong";

        /// <summary>The server answered a change with success and with a resource that does not have it.</summary>
        public const string ChangeNotApplied = "ModeScim.ChangeNotApplied";
        public const string RestApiNotConnected = "ModeScim.RestApiNotConnected";
        public const string AccountNotFound = "ModeScim.AccountNotFound";
        public const string HandoverRefused = "ModeScim.HandoverRefused";

        /// <summary>The REST API names no creator for some content, so what a leaver owns cannot be read in full.</summary>
        public const string OwnershipUnknown = "ModeScim.OwnershipUnknown";

        /// <summary>A row whose status columns say the person is not active was not created.</summary>
        public const string InactiveInSource = "ModeScim.InactiveInSource";

        /// <summary>Sync-ModeUser -UpdateExisting planned more updates than -MaxUpdate allows; nothing was changed.</summary>
        public const string UpdateThresholdExceeded = "ModeScim.UpdateThresholdExceeded";

        /// <summary>Invoke-ModePlan: the file is not a plan this version can read (not JSON, another schema, no hash).</summary>
        public const string PlanInvalid = "ModeScim.PlanInvalid";

        /// <summary>Invoke-ModePlan: the plan's content does not match the SHA-256 it states: it changed after it was made.</summary>
        public const string PlanTampered = "ModeScim.PlanTampered";

        /// <summary>Invoke-ModePlan: the plan is older than -MaxAge (or dated in the future).</summary>
        public const string PlanExpired = "ModeScim.PlanExpired";

        /// <summary>Invoke-ModePlan: the plan was made against another workspace than the connection's.</summary>
        public const string PlanWorkspaceMismatch = "ModeScim.PlanWorkspaceMismatch";

        /// <summary>Invoke-ModePlan: the plan exceeded a guard when it was made, and -Force was not given.</summary>
        public const string PlanGuardExceeded = "ModeScim.PlanGuardExceeded";

        /// <summary>Invoke-ModePlan: one change's target is no longer as planned; that change was not made.</summary>
        public const string PlanDrift = "ModeScim.PlanDrift";

        /// <summary>Invoke-ModePlan: another job on this machine is applying the same plan file.</summary>
        public const string PlanInUse = "ModeScim.PlanInUse";

        /// <summary>Export-ModeEvidence was pointed at a folder that holds evidence already, without -Force.</summary>
        public const string EvidenceExists = "ModeScim.EvidenceExists";

        /// <summary>Export-ModeEvidence could not write its folder (a path under a file, no permission, a file held open).</summary>
        public const string EvidenceWriteFailed = "ModeScim.EvidenceWriteFailed";

        /// <summary>The change would leave the workspace with no active Mode admin, or whether one would remain cannot be
        /// told (Mode did not show the admin flag); nothing was changed.</summary>
        public const string LastAdmin = "ModeScim.LastAdmin";

        /// <summary>The change would disable or delete the account that owns the REST credentials in use; nothing was
        /// changed.</summary>
        public const string CredentialOwner = "ModeScim.CredentialOwner";
    }
}
