# build.ps1 -Task Package publishes the module into a folder repository; here it is saved from there with
# Save-PSResource, as a user would install it, and imported by name in a fresh process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Version = (Import-PowerShellDataFile $script:ModuleManifest).ModuleVersion
    $script:Repository = Join-Path (Join-Path $script:RepoRoot 'out') 'repository'
    $script:Target = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-install-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Target
    $script:RepositoryName = 'ModeScimTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $script:RepositoryName -Uri $script:Repository -Trusted
}

AfterAll {
    Unregister-PSResourceRepository -Name $script:RepositoryName -ErrorAction SilentlyContinue
    Remove-Item $script:Target -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'exists as out/ModeScim.<version>.nupkg' {
        Join-Path (Join-Path $script:RepoRoot 'out') "ModeScim.$($script:Version).nupkg" | Should -Exist
    }

    It 'installs with Save-PSResource and imports by name in a fresh process' {
        Save-PSResource -Name ModeScim -Repository $script:RepositoryName -Path $script:Target -TrustRepository

        $pwsh = Join-Path $PSHOME 'pwsh'
        $separator = [System.IO.Path]::PathSeparator
        $script = "`$env:PSModulePath = '$($script:Target)' + '$separator' + `$env:PSModulePath; Import-Module ModeScim; `$m = Get-Module ModeScim; `"`$(`$m.Version) `$(`$m.ExportedCmdlets.Count) `$(`$m.ModuleBase)`""
        $output = & $pwsh -NoProfile -NonInteractive -Command $script

        $version, $count, $base = "$output".Split(' ', 3)
        $version | Should -Be $script:Version
        [int]$count | Should -Be (Get-Module ModeScim).ExportedCmdlets.Count
        $base | Should -BeLike "$($script:Target)*"
    }

    It 'carries the compiled help and the format file' {
        $installed = Join-Path (Join-Path $script:Target 'ModeScim') $script:Version
        Join-Path $installed 'en-US/ModeScim.PowerShell.dll-Help.xml' | Should -Exist
        Join-Path $installed 'ModeScim.Format.ps1xml' | Should -Exist
        Join-Path $installed 'LICENSE' | Should -Exist
    }

    It 'is found by the name of any of its cmdlets' {
        $found = @(Find-PSResource -CommandName 'Get-ModeUser' -Repository $script:RepositoryName)

        $found.Count | Should -BeGreaterOrEqual 1
        $found[0].ParentResource.Name | Should -Be 'ModeScim'
        $tags = @((Test-ModuleManifest -Path $script:ModuleManifest).Tags)
        foreach ($name in (Get-Module ModeScim).ExportedCmdlets.Keys) {
            $tags | Should -Contain "PSCommand_$name"
        }
        @($tags | Where-Object { $_ -like 'PSCommand_*' }).Count | Should -Be (Get-Module ModeScim).ExportedCmdlets.Count
    }

    It 'has a manifest ready for the PowerShell Gallery' {
        $manifest = Test-ModuleManifest -Path $script:ModuleManifest
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'SCIM'
        # No public home: no address rather than a placeholder a gallery would show as the project's (Help.Tests.ps1).
        $manifest.ProjectUri | Should -BeNullOrEmpty
        $manifest.LicenseUri | Should -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}
