using System;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>One status per access-report row, the most pressing first: a pending invite is no seat yet; an
    /// inactive account needs nothing; nobody vouching for an account (Orphaned) outranks SCIM not managing it
    /// (Unmanaged), which outranks a seat nobody uses (Unused).</summary>
    internal static class AccessStatusRule
    {
        public static string Decide(bool active, bool pendingInvite, bool orphaned, bool unmanaged, int? daysInactive, int? inactiveDays)
        {
            if (pendingInvite)
            {
                return ModeAccessStatus.Invited;
            }
            if (!active)
            {
                return ModeAccessStatus.Inactive;
            }
            if (orphaned)
            {
                return ModeAccessStatus.Orphaned;
            }
            if (unmanaged)
            {
                return ModeAccessStatus.Unmanaged;
            }
            return inactiveDays.HasValue && daysInactive >= inactiveDays ? ModeAccessStatus.Unused : ModeAccessStatus.Ok;
        }

        /// <summary>Whole days since the last use, or since activation for an account never used; null when neither is
        /// known, which never counts as unused.</summary>
        public static int? DaysInactive(DateTimeOffset? lastEngaged, DateTimeOffset? activatedAt, DateTimeOffset now)
        {
            var since = lastEngaged ?? activatedAt;
            return since.HasValue ? (int?)Math.Max(0, (int)Math.Floor((now - since.Value).TotalDays)) : null;
        }
    }
}
