using System;
using System.Collections.Generic;
using System.Globalization;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>The changes the journal records as made under one plan: applied again, a plan never makes them a second
    /// time, even where someone has since undone one (re-enabled a leaver, put a member back). Without it, a re-run
    /// Apply stage would silently reverse an admin's later fix.</summary>
    internal sealed class PlanHistory
    {
        private readonly HashSet<string> _made = new HashSet<string>(StringComparer.Ordinal);

        private PlanHistory()
        {
        }

        public static PlanHistory None { get; } = new PlanHistory();

        public int Count => _made.Count;

        /// <summary>The journal's records of the plan; an absent journal holds none.</summary>
        public static PlanHistory Read(string journal, string planId)
        {
            var history = new PlanHistory();
            if (!JournalReader.Exists(journal))
            {
                return history;
            }
            foreach (var line in JournalReader.ReadAll(journal))
            {
                var entry = line.Entry;
                if (entry?.Plan == null || entry.Plan.Id != planId || entry.Action == JournalActions.PlanApply)
                {
                    continue;
                }
                var group = entry.Groups.Count > 0 ? entry.Groups[0] : null;
                history._made.Add(Key(entry.Action, entry.UserId, entry.UserName, group?.Id, group?.DisplayName));
                if (group?.DisplayName != null)
                {
                    history._made.Add(Key(entry.Action, entry.UserId, entry.UserName, null, group.DisplayName));
                }
            }
            return history;
        }

        /// <summary>Whether the journal records this change as made under the plan.</summary>
        public bool Made(PlanChange change) =>
            _made.Contains(Key(change.Action, change.UserId, change.UserName, change.Group?.Id, change.Group?.DisplayName));

        // A create is named by its userName (its id came after its record); a member change by its user and group (a group
        // the plan creates, by its name).
        private static string Key(string action, string? userId, string? userName, string? groupId, string? groupName)
        {
            var user = action == PlanChange.Create ? "name:" + (userName ?? string.Empty).ToLowerInvariant() : userId ?? string.Empty;
            var isMemberChange = action == PlanChange.GroupAdd || action == PlanChange.GroupRemove;
            var group = !isMemberChange ? string.Empty
                : groupId != null ? "|" + groupId : "|name:" + (groupName ?? string.Empty).ToLower(CultureInfo.InvariantCulture);
            return action + "|" + user + group;
        }
    }
}
