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

        /// <summary>A displayName; wildcards allowed.</summary>
        [Parameter(ParameterSetName = DisplayNameSet, Mandatory = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public string DisplayName { get; set; } = string.Empty;

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
                var group = ResolveGroup(identity, withMembers: !ExcludeMembers);
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
            var query = new ScimListQuery();
            var patterns = _patterns;
            try
            {
                if (ParameterSetName == DisplayNameSet)
                {
                    if (WildcardPattern.ContainsWildcardCharacters(DisplayName))
                    {
                        patterns.Add(new WildcardPattern(DisplayName, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                    }
                    else
                    {
                        query.Filter = ScimFilter.Equal("displayName", DisplayName);
                    }
                }
                else if (ParameterSetName == ListSet && Filter != null)
                {
                    query.Filter = ScimFilter.Raw(Filter);
                }
            }
            catch (ArgumentException ex)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(ex.Message, Filter, ex));
                return;
            }
            if (ExcludeMembers)
            {
                query.ExcludedAttributes.Add("members");
            }
            var written = 0;
            try
            {
                foreach (var page in Stream(Client.Groups.ListAsync(query, StopToken)))
                {
                    foreach (var group in page.Resources)
                    {
                        if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(group.DisplayName ?? string.Empty)))
                        {
                            WriteObject(ModeGroup.From(group));
                            written++;
                        }
                    }
                }
                if (ParameterSetName == DisplayNameSet && patterns.Count == 0 && written == 0)
                {
                    WriteItemError(ErrorRecordFactory.GroupNotFound(DisplayName));
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, query.Filter?.ToString(), ScimResourceKind.Group);
            }
        }
    }
}
