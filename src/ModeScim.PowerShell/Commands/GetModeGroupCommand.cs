using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Gets Mode groups: all, by identity, by displayName (wildcards) or by SCIM filter.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeGroup", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ModeGroup))]
    public sealed class GetModeGroupCommand : ModeScimConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdentitySet = "Identity";
        private const string DisplayNameSet = "DisplayName";

        private readonly List<WildcardPattern> _patterns = new List<WildcardPattern>();

        /// <summary>A group object, displayName or id; a displayName with wildcards matches as -DisplayName does, so
        /// Get-ModeGroup 'Fin*' works positionally.</summary>
        [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Identity { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>displayNames; wildcards allowed.</summary>
        [Parameter(ParameterSetName = DisplayNameSet, Mandatory = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public string[] DisplayName { get; set; } = Array.Empty<string>();

        /// <summary>A SCIM filter, such as 'displayName sw "Sales"'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? Filter { get; set; }

        /// <summary>Leave the member lists out: much faster for big groups.</summary>
        [Parameter]
        public SwitchParameter ExcludeMembers { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdentitySet)
            {
                return;
            }
            // -Identity $null binds a null array: one missing identity, reported as such.
            foreach (var identity in Identity ?? new ModeGroupIdentity?[] { null })
            {
                var text = identity?.Group == null ? identity?.Text : null;
                if (text != null && WildcardPattern.ContainsWildcardCharacters(text) && InputValidation.ProblemWithIdentity(text) == null)
                {
                    // Matched on one listing at the end, with every other pattern of this call.
                    _patterns.Add(new WildcardPattern(text, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                    continue;
                }
                var group = Targets.ResolveGroup(identity, withMembers: !ExcludeMembers);
                if (group != null)
                {
                    WriteObject(ModeGroup.From(group));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdentitySet && _patterns.Count == 0)
            {
                return;
            }
            // One request for each exact -DisplayName, one listing matched against every pattern; or the -Filter, or all.
            var exact = new List<string>();
            foreach (var name in ParameterSetName == DisplayNameSet ? DisplayName : Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    _patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                }
                else
                {
                    exact.Add(name);
                }
            }
            ScimFilter? raw = null;
            try
            {
                if (ParameterSetName == ListSet && Filter != null)
                {
                    raw = ScimFilter.Raw(Filter);
                }
            }
            catch (ArgumentException ex)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(ex.Message, Filter, ex));
                return;
            }
            // A group that two of the names match is written once.
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in exact)
            {
                if (List(ScimFilter.Equal("displayName", name), null, written) == 0)
                {
                    WriteItemError(ErrorRecordFactory.GroupNotFound(name));
                }
            }
            if (_patterns.Count > 0 || ParameterSetName == ListSet)
            {
                List(raw, _patterns.Count > 0 ? _patterns : null, written);
            }
        }

        /// <summary>Writes the groups the filter lists (those matching one of the patterns, if any are given) that were
        /// not written yet, and says how many matched; null after writing why the listing failed.</summary>
        private int? List(ScimFilter? filter, List<WildcardPattern>? patterns, HashSet<string> written)
        {
            var query = new ScimListQuery { Filter = filter };
            if (ExcludeMembers)
            {
                query.ExcludedAttributes.Add("members");
            }
            var matched = 0;
            try
            {
                foreach (var page in Stream(Client.Groups.ListAsync(query, StopToken)))
                {
                    foreach (var group in page.Resources)
                    {
                        if (patterns != null && !patterns.Any(p => p.IsMatch(group.DisplayName ?? string.Empty)))
                        {
                            continue;
                        }
                        matched++;
                        if (group.Id == null || written.Add(group.Id))
                        {
                            WriteObject(ModeGroup.From(group));
                        }
                    }
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, filter?.ToString(), ScimResourceKind.Group);
                return null;
            }
            return matched;
        }
    }
}
