using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using ModeScim.Client;

namespace ModeScim.PowerShell.Errors
{
    /// <summary>Turns failures into errors (ErrorRecords, where PowerShell takes them) with a stable id, a fitting category
    /// and the item they concern as TargetObject. The exception is kept whole, inner exception included.</summary>
    internal static class ErrorRecordFactory
    {
        public static ModeScimError InvalidInput(string message, object? target, Exception? inner = null)
        {
            return new ModeScimError(new ArgumentException(message, inner), ModeScimErrorIds.InvalidInput,
                ErrorCategory.InvalidArgument, target);
        }

        public static ModeScimError MissingToken(string tokenVariable, string? why = null)
        {
            var exception = new ArgumentException(why ?? "No SCIM token: pass -Token (a SecureString) or set $env:" + tokenVariable + ".");
            return new ModeScimError(exception, ModeScimErrorIds.MissingToken, ErrorCategory.AuthenticationError, null);
        }

        /// <summary>A base URI that would send the token in clear text; <paramref name="value"/> is already redacted.</summary>
        public static ModeScimError InsecureBaseUri(string message, object? value, Exception inner)
        {
            return new ModeScimError(new SecurityException(message, inner), ModeScimErrorIds.InsecureBaseUri,
                ErrorCategory.SecurityError, value);
        }

        public static ModeScimError JournalNotFound(string path, string environmentVariable)
        {
            var exception = new FileNotFoundException("There is no journal at '" + path + "'. Pass -Path, or set $env:"
                + environmentVariable + ".", path);
            return new ModeScimError(exception, ModeScimErrorIds.JournalNotFound, ErrorCategory.ObjectNotFound, path);
        }

        /// <summary>A folder holding an earlier evidence set: replacing it is asked for with -Force, never done by default.</summary>
        public static ModeScimError EvidenceExists(string folder, IEnumerable<string> files)
        {
            var exception = new IOException("The folder '" + folder + "' holds evidence already (" + string.Join(", ", files)
                + "). An auditor must never get a set that is part old, part new: choose an empty folder, or pass -Force to replace"
                + " the whole set.");
            return new ModeScimError(exception, ModeScimErrorIds.EvidenceExists, ErrorCategory.ResourceExists, folder);
        }

        /// <summary>The evidence folder could not be written; the folder holds the earlier set, or none (no manifest).</summary>
        public static ModeScimError EvidenceWriteFailed(string folder, Exception inner)
        {
            var exception = new IOException("The evidence could not be written to '" + folder + "': " + inner.Message
                + " No new manifest was written, so no set there is taken for this one.", inner);
            return new ModeScimError(exception, ModeScimErrorIds.EvidenceWriteFailed, ErrorCategory.WriteError, folder);
        }

        /// <summary>No desired user could be read: an empty or failed export, or one read with the wrong delimiter.</summary>
        public static ModeScimError EmptyDesiredSet(string detail, int rows)
        {
            var exception = new InvalidOperationException("The desired set is empty." + detail
                + " An empty or failed export must never offboard anyone, so nothing was changed. Pass -Force if the set is really"
                + " meant to be empty.");
            return new ModeScimError(exception, ModeScimErrorIds.EmptyDesiredSet, ErrorCategory.InvalidData, rows);
        }

        /// <summary>A reference whose rows name no one by the key: reporting against it would mark every account Orphaned.</summary>
        public static ModeScimError ReferenceWithoutKeys(string detail, int rows)
        {
            var exception = new InvalidOperationException("The reference names no one." + detail
                + " Every account would be marked Orphaned, so no report was made.");
            return new ModeScimError(exception, ModeScimErrorIds.EmptyDesiredSet, ErrorCategory.InvalidData, rows);
        }

        public static ModeScimError DisableThresholdExceeded(int planned, int active, string limit, int maximum, string sample)
        {
            var exception = new InvalidOperationException("The plan disables " + planned + " of " + active
                + " active users, more than -MaxDisable " + limit + " allows (" + maximum
                + "). Nothing was changed. Is the desired set complete? Those it would disable: " + sample + ".");
            return new ModeScimError(exception, ModeScimErrorIds.DisableThresholdExceeded, ErrorCategory.LimitsExceeded, planned);
        }

        /// <summary>The lockout guard: no active admin would remain, or that cannot be told. <paramref name="overrideSwitch"/>
        /// names the switch that goes on anyway.</summary>
        public static ModeScimError LastAdmin(string why, string leavers, string overrideSwitch, Exception? inner = null)
        {
            var exception = new InvalidOperationException("Refused. " + why + " Nothing was changed. Make another member an active "
                + "admin in Mode first, or leave out " + leavers + "; " + overrideSwitch + " goes on anyway.", inner);
            return new ModeScimError(exception, ModeScimErrorIds.LastAdmin, ErrorCategory.InvalidOperation, leavers);
        }

        /// <summary>The lockout guard: the leaver owns the REST credentials this connection uses.</summary>
        public static ModeScimError CredentialOwner(string leaver, string why, string overrideSwitch)
        {
            var exception = new InvalidOperationException("Refused. " + why + " Nothing was changed. Connect with credentials "
                + "another admin made (a workspace token), or " + overrideSwitch + " to go on anyway.");
            return new ModeScimError(exception, ModeScimErrorIds.CredentialOwner, ErrorCategory.InvalidOperation, leaver);
        }

        public static ModeScimError UpdateThresholdExceeded(int planned, int matched, string limit, int maximum, string attributes,
            string sample)
        {
            var exception = new InvalidOperationException("The plan updates " + planned + " of the " + matched
                + " users the desired set names, more than -MaxUpdate " + limit + " allows (" + maximum + "): " + attributes
                + ". Nothing was changed. Were the export's columns shifted or renamed? Those it would update: " + sample + ".");
            return new ModeScimError(exception, ModeScimErrorIds.UpdateThresholdExceeded, ErrorCategory.LimitsExceeded, planned);
        }

        public static ModeScimError NotConnected()
        {
            var exception = new InvalidOperationException(
                "Not connected to a Mode SCIM API. Run Connect-ModeScim first, or pass -Connection.");
            return new ModeScimError(exception, ModeScimErrorIds.NotConnected, ErrorCategory.ConnectionError, null);
        }

        public static ModeScimError UserNotFound(object target)
        {
            var exception = new ItemNotFoundException("No Mode user has the userName or id '" + target + "'.");
            return new ModeScimError(exception, ModeScimErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, target);
        }

        /// <summary>A change needs confirmation (-Confirm, or $ConfirmPreference at or below its impact) and the session
        /// cannot ask (-NonInteractive): nothing was changed for it.</summary>
        public static ModeScimError ConfirmationUnavailable(string command, string? target, string action, Exception inner)
        {
            var exception = new InvalidOperationException(command + " must ask before it does this: " + action + " on '" + target
                + "'. This session cannot ask (-NonInteractive, or no host), so nothing was changed for it. Add -Confirm:$false "
                + "to confirm in advance, or -WhatIf to see what it would do.", inner);
            return new ModeScimError(exception, ModeScimErrorIds.ConfirmationUnavailable, ErrorCategory.InvalidOperation, target);
        }

        /// <summary>As <see cref="UserNotFound(object)"/>, naming the closest userNames, if any were found.</summary>
        public static ModeScimError UserNotFound(object target, IReadOnlyList<string> closest)
        {
            if (closest.Count == 0)
            {
                return UserNotFound(target);
            }
            var suggestion = DidYouMean(closest);
            var exception = new ItemNotFoundException("No Mode user has the userName or id '" + target + "'. " + suggestion);
            return new ModeScimError(exception, ModeScimErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, target)
            {
                RecommendedAction = suggestion,
            };
        }

        /// <summary>"Closest userNames: 'a', 'b'." for a miss.</summary>
        public static string DidYouMean(IReadOnlyList<string> closest)
        {
            return "Closest userNames: " + string.Join(", ", closest.Select(n => "'" + n + "'")) + ".";
        }

        public static ModeScimError GroupNotFound(object target)
        {
            var exception = new ItemNotFoundException("No Mode group has the displayName or id '" + target + "'.");
            return new ModeScimError(exception, ModeScimErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, target);
        }

        public static ModeScimError RemoveThresholdExceeded(string group, int planned, int maximum)
        {
            var exception = new InvalidOperationException("Syncing group '" + group + "' would remove " + planned
                + " members, more than -MaxRemove " + maximum
                + " allows. Nothing was changed in that group. Check the source of the desired members, or raise -MaxRemove.");
            return new ModeScimError(exception, ModeScimErrorIds.RemoveThresholdExceeded, ErrorCategory.LimitsExceeded, group);
        }

        /// <summary>The server lets no one read a user's groups (no trustworthy "groups" on the user, no "members" on
        /// groups), so a change that Mode makes irreversible cannot be journalled.</summary>
        public static ModeScimError MembershipUnreadable(object target, string what, string? acceptingSwitch, string? problem = null,
            bool restApiConnected = false)
        {
            var remedy = acceptingSwitch == null ? string.Empty : " Pass " + acceptingSwitch
                + " to go ahead without them; they cannot be restored then.";
            var cause = problem != null ? problem
                : "Users carry no trustworthy 'groups', Groups are returned without 'members', and /Groups answers no filter on"
                    + " members that can be believed"
                    + (restApiConnected ? ""
                        : "; connecting Mode's REST API (-Workspace, -ApiToken, -ApiSecret) lets ModeScim read them there");
            var exception = new InvalidOperationException("The server does not let " + what + " be read: " + cause
                + ". Nothing was changed." + remedy);
            return new ModeScimError(exception, ModeScimErrorIds.MembershipUnreadable, ErrorCategory.NotImplemented, target);
        }

        /// <summary>-RestoreGroups for a user with no Disable record in the journal: enabling it would leave it in no groups.</summary>
        public static ModeScimError NoRestoreRecord(object target, string who, string journalPath, string acceptingSwitch)
        {
            var exception = new ItemNotFoundException("The journal " + journalPath + " holds no Disable record of " + who
                + ", so its groups cannot be restored; it was not enabled. A journal at another path is the usual cause: pass"
                + " -JournalPath (or set $env:MODESCIM_JOURNAL) to the one the disable wrote, or " + acceptingSwitch
                + " to enable it without its groups.");
            return new ModeScimError(exception, ModeScimErrorIds.NoRestoreRecord, ErrorCategory.ObjectNotFound, target);
        }

        /// <summary>A feature that needs Mode's REST API on a connection made without it.</summary>
        public static ModeScimError RestApiNotConnected(string feature)
        {
            var exception = new InvalidOperationException(feature + " needs Mode's REST API: connect with -Workspace, -ApiToken and"
                + " -ApiSecret (or $env:MODE_WORKSPACE, $env:MODE_API_TOKEN, $env:MODE_API_SECRET). Nothing was sent.");
            return new ModeScimError(exception, ModeScimErrorIds.RestApiNotConnected, ErrorCategory.ConnectionError, feature);
        }

        /// <summary>No workspace member has this email or username in Mode's REST API.</summary>
        public static ModeScimError AccountNotFound(string who, string role)
        {
            var exception = new ItemNotFoundException("No member of the workspace has the email or username '"
                + Identity.InputValidation.Printable(who) + "' (" + role + ").");
            return new ModeScimError(exception, ModeScimErrorIds.AccountNotFound, ErrorCategory.ObjectNotFound, who);
        }

        /// <summary>A handover that cannot be done whole: nothing of it was changed for this leaver.</summary>
        /// <summary>What the leaver owns cannot be read: handing over part of it would leave the rest behind unseen.</summary>
        public static ModeScimError OwnershipUnknown(object target, string what, string allowParameter)
        {
            var exception = new InvalidOperationException("Handover refused: the REST API names no creator for " + what
                + ", so what this user owns cannot be read in full and personal reports could be left where no one can open"
                + " them. Nothing was changed for this user, who stays enabled. Check that the API token may read every"
                + " collection, or pass " + allowParameter + " to hand over what is known.");
            return new ModeScimError(exception, ModeScimErrorIds.OwnershipUnknown, ErrorCategory.InvalidData, target);
        }

        public static ModeScimError HandoverRefused(object target, string why)
        {
            var exception = new InvalidOperationException("Handover refused: " + why + " Nothing was changed for this user.");
            return new ModeScimError(exception, ModeScimErrorIds.HandoverRefused, ErrorCategory.InvalidOperation, target);
        }

        /// <summary>The server described a user without an id that can address it (missing, blank, "..", a slash).</summary>
        public static ModeScimError UnusableId(object target, string? id)
        {
            var shown = id == null ? "no id" : "the id '" + Identity.InputValidation.Printable(id) + "'";
            var exception = new InvalidOperationException("The server returned '" + target + "' with " + shown
                + ", which cannot address it; nothing was recorded or changed.");
            return new ModeScimError(exception, ModeScimErrorIds.InvalidResponse, ErrorCategory.InvalidResult, target);
        }

        public static ModeScimError DesiredSetUnresolved(string group, int unresolved, int desired, string limit, int maximum)
        {
            var exception = new InvalidOperationException("Group '" + group + "': " + unresolved + " of its " + desired
                + " desired members match no Mode user, more than -MaxUnresolved " + limit + " allows (" + maximum
                + "). Nothing was changed in that group. Is the list of names right (the column, blanks, the delimiter)?");
            return new ModeScimError(exception, ModeScimErrorIds.DesiredSetUnresolved, ErrorCategory.InvalidData, group);
        }

        public static ModeScimError AmbiguousIdentity(object target, string byUserName, string byId)
        {
            var exception = new InvalidOperationException("'" + target + "' is the userName of one user (" + byUserName
                + ") and the id of another (" + byId + "). Pass the user object or the exact id instead.");
            return new ModeScimError(exception, ModeScimErrorIds.AmbiguousIdentity, ErrorCategory.InvalidArgument, target);
        }

        public static ModeScimError UserAlreadyExists(string userName, string? holderUserName, string? holderId, System.Exception? inner)
        {
            var holder = holderId == null ? "another user" : "'" + holderUserName + "' (" + holderId + ")";
            var exception = new InvalidOperationException("The userName '" + userName + "' is already taken by " + holder
                + ". Mode may have created that account by SAML just-in-time sign-in.", inner);
            return new ModeScimError(exception, ModeScimErrorIds.UserAlreadyExists, ErrorCategory.ResourceExists, userName);
        }

        /// <summary>A row whose source says the person is not active: creating them would give a leaver access.</summary>
        public static ModeScimError InactiveInSource(string label, string status, int row)
        {
            var exception = new InvalidOperationException(label + " was not created: row " + row + " marks the person as not active ("
                + status + ").");
            return new ModeScimError(exception, ModeScimErrorIds.InactiveInSource, ErrorCategory.InvalidData, label);
        }

        /// <summary>A create answered with success and another user (a server that keys users by email too hands back the
        /// holder of the email): nothing was created, and that user is not the one asked for.</summary>
        public static ModeScimError CreateAnsweredWithAnother(string asked, string answered, string? answeredId)
        {
            var exception = new InvalidOperationException("The server answered the create of '" + asked + "' with another user, '"
                + answered + "' (" + (answeredId ?? "no id") + "): '" + asked + "' was not created, and '" + answered
                + "' was left as it is. Another user may hold one of its other attributes, such as the email.");
            return new ModeScimError(exception, ModeScimErrorIds.UserAlreadyExists, ErrorCategory.ResourceExists, asked);
        }

        /// <summary>A create refused as a duplicate though no user has the userName: the server keys users by something
        /// else too (an email, an externalId), and only its own words say what.</summary>
        public static ModeScimError DuplicateRefused(string userName, ScimException refusal)
        {
            var exception = new InvalidOperationException("The server refused to create '" + userName + "' as a duplicate, yet no"
                + " user has that userName. The server said: " + (Identity.InputValidation.IsBlank(refusal.Detail) ? "(nothing)"
                : "'" + refusal.Detail.Trim() + "'") + ". Another user may hold one of its other attributes, such as an email or"
                + " the externalId.", refusal);
            return new ModeScimError(exception, ModeScimErrorIds.UserAlreadyExists, ErrorCategory.ResourceExists, userName);
        }

        public static ModeScimError JournalWriteFailed(string path, object target, System.Exception inner)
        {
            var exception = new System.IO.IOException("Could not write the journal '" + path + "', so nothing was changed: "
                + inner.Message, inner);
            return new ModeScimError(exception, ModeScimErrorIds.JournalWriteFailed, ErrorCategory.WriteError, target);
        }

        /// <summary>ModeScim.JournalWriteFailed for a record written after its change, as an Enable is (it names the groups
        /// put back): the change stands unrecorded, and the error names the user so the record can be made by hand.</summary>
        public static ModeScimError JournalWriteFailedAfterChange(string path, string action, string userName, string userId,
            object target, System.Exception inner)
        {
            var exception = new System.IO.IOException("The " + action + " of user '" + userName + "' (id " + userId + ") was made, but "
                + "its record could not be written to the journal '" + path + "': " + inner.Message, inner);
            return new ModeScimError(exception, ModeScimErrorIds.JournalWriteFailed, ErrorCategory.WriteError, target);
        }

        public static ModeScimError FromScimException(ScimException exception, object? target, ScimResourceKind resource)
        {
            var (id, category) = Classify(exception, resource);
            var record = new ModeScimError(exception, id, category, target);
            if (exception.Kind == ScimErrorKind.Throttled && exception.RetryAfter.HasValue)
            {
                var wait = (int)exception.RetryAfter.Value.TotalSeconds;
                record.RecommendedAction = "The server asked to wait " + wait + " s; retry later or lower the request rate.";
            }
            else if (exception.Kind == ScimErrorKind.Unauthorized)
            {
                record.RecommendedAction = "Check the token: MODE_SCIM_TOKEN or -Token. SCIM tokens are issued per workspace.";
            }
            return record;
        }

        internal static (string Id, ErrorCategory Category) Classify(ScimException exception, ScimResourceKind resource)
        {
            switch (exception.Kind)
            {
                case ScimErrorKind.Unauthorized:
                    return (ModeScimErrorIds.Unauthorized, ErrorCategory.AuthenticationError);
                case ScimErrorKind.Forbidden:
                    return (ModeScimErrorIds.Forbidden, ErrorCategory.PermissionDenied);
                case ScimErrorKind.NotFound:
                    return (NotFoundId(resource), ErrorCategory.ObjectNotFound);
                case ScimErrorKind.Conflict:
                    return (ConflictId(resource), ErrorCategory.ResourceExists);
                case ScimErrorKind.Throttled:
                    return (ModeScimErrorIds.Throttled, ErrorCategory.LimitsExceeded);
                case ScimErrorKind.ServerError:
                    return (ModeScimErrorIds.ServerError, ErrorCategory.ResourceUnavailable);
                case ScimErrorKind.Timeout:
                    return (ModeScimErrorIds.Timeout, ErrorCategory.OperationTimeout);
                case ScimErrorKind.Network:
                    return (ModeScimErrorIds.ConnectionFailed, ErrorCategory.ConnectionError);
                case ScimErrorKind.OutcomeUnknown:
                    return (ModeScimErrorIds.OutcomeUnknown, ErrorCategory.ConnectionError);
                case ScimErrorKind.PreconditionFailed:
                    return (ModeScimErrorIds.PreconditionFailed, ErrorCategory.InvalidOperation);
                case ScimErrorKind.PayloadTooLarge:
                    return (ModeScimErrorIds.PayloadTooLarge, ErrorCategory.LimitsExceeded);
                case ScimErrorKind.InvalidResponse:
                    return (ModeScimErrorIds.InvalidResponse, ErrorCategory.InvalidData);
                case ScimErrorKind.ResponseTooLarge:
                    return (ModeScimErrorIds.ResponseTooLarge, ErrorCategory.LimitsExceeded);
                case ScimErrorKind.ListingTooLong:
                    return (ModeScimErrorIds.ListingTooLong, ErrorCategory.LimitsExceeded);
                case ScimErrorKind.ChangeNotApplied:
                    return (ModeScimErrorIds.ChangeNotApplied, ErrorCategory.InvalidResult);
                default:
                    var id = exception.IsInvalidFilter ? ModeScimErrorIds.InvalidFilter : ModeScimErrorIds.InvalidRequest;
                    return (id, ErrorCategory.InvalidArgument);
            }
        }

        private static string NotFoundId(ScimResourceKind resource)
        {
            switch (resource)
            {
                case ScimResourceKind.User:
                    return ModeScimErrorIds.UserNotFound;
                case ScimResourceKind.Group:
                    return ModeScimErrorIds.GroupNotFound;
                default:
                    return ModeScimErrorIds.ResourceNotFound;
            }
        }

        /// <summary>A 409 on a user or group means the name is taken; on anything else it is a plain conflict.</summary>
        private static string ConflictId(ScimResourceKind resource)
        {
            switch (resource)
            {
                case ScimResourceKind.User:
                    return ModeScimErrorIds.UserAlreadyExists;
                case ScimResourceKind.Group:
                    return ModeScimErrorIds.GroupAlreadyExists;
                default:
                    return ModeScimErrorIds.Conflict;
            }
        }
    }
}
