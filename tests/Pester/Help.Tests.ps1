# Every exported cmdlet has complete help: synopsis, description, every parameter described, at least
# two examples, and examples that parse. Help is compiled from docs/en-US into MAML by the build.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:CmdletNames = @((Get-Module ModeScim).ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # -WhatIf and -Confirm must be described too; only the true common parameters are left to about_CommonParameters.
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + @('UseTransaction')
}

Describe 'Help for <_>' -ForEach $CmdletNames {
    BeforeAll {
        $script:Help = Get-Help -Name $_ -Full
        $script:Command = Get-Command -Name $_
    }

    It 'has a synopsis and a description' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -BeLike "$_ *[[]*"
        ($script:Help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($parameter in $script:Command.Parameters.Keys | Where-Object { $script:Common -notcontains $_ }) {
            $described = $script:Help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has at least two examples, each of which parses' {
        $examples = @($script:Help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($example.Code, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $example.Title
        }
    }

    It 'says in a sentence what each example does' {
        foreach ($example in @($script:Help.Examples.Example)) {
            $remarks = (@($example.Remarks | ForEach-Object { $_.Text }) -join ' ').Trim()
            $remarks | Should -Match '\w+ .*\w' -Because "$($example.Title) needs a sentence"
        }
    }

    It 'marks the parameters that take wildcards, and only those' {
        foreach ($parameter in $script:Command.Parameters.Values | Where-Object { $script:Common -notcontains $_.Name }) {
            $wildcards = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
            $described = @($script:Help.Parameters.Parameter | Where-Object Name -eq $parameter.Name)[0]
            $described.globbing | Should -Be $wildcards.ToString().ToLowerInvariant() -Because "-$($parameter.Name)"
        }
    }

    It 'names its inputs and outputs' {
        @($script:Help.InputTypes.InputType).Count | Should -BeGreaterOrEqual 1
        @($script:Help.InputTypes.InputType | Where-Object { -not $_.Type.Name }).Count | Should -Be 0
        $outputs = @($script:Help.ReturnValues.ReturnValue | ForEach-Object { $_.Type.Name })
        $declared = @($script:Command.OutputType | ForEach-Object { $_.Type.FullName })
        if ($declared.Count -eq 0) { $declared = @('None') }
        $outputs | Should -Be $declared
    }

    It 'links its page in the repository docs for -Online, then related commands' {
        $projectUri = (Test-ModuleManifest -Path $script:ModuleManifest).ProjectUri.AbsoluteUri.TrimEnd('/')
        $links = @($script:Help.RelatedLinks.NavigationLink)
        $links[0].Uri | Should -Be "$projectUri/blob/main/docs/en-US/$_.md"
        Join-Path $script:RepoRoot "docs/en-US/$_.md" | Should -Exist
        $links.Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'about_ModeScim' {
    It 'explains connections, identities, the journal, guards and Azure DevOps' {
        $text = Get-Help about_ModeScim | Out-String
        foreach ($topic in 'CONNECTIONS', 'IDENTITIES', 'THE JOURNAL', 'GUARDS', 'AZURE DEVOPS') {
            $text | Should -BeLike "*$topic*"
        }
    }
}
