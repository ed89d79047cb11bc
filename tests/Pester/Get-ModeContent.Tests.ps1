# Get-ModeContent: the collections and reports a member created, read from Mode's REST API beside SCIM, with
# the emulator's /api state as the oracle.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Get-ModeContent' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
        $script:Scene = New-HandoverScene -Emulator $script:Emulator
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'lists the collections and reports a member created, with where they are and a link' {
        $items = @(Get-ModeContent -Owner $script:Scene.Leaver.userName)

        @($items | Where-Object Kind -eq 'Collection').Name | Should -Be @('Personal', "Team $($script:Scene.Suffix)")
        @($items | Where-Object Kind -eq 'Collection').Token | Should -Be @($script:Scene.Personal.collection, $script:Scene.Team.collection)
        @($items | Where-Object Kind -eq 'Report').Count | Should -Be 4
        @($items | Where-Object { $_.Kind -eq 'Report' -and $_.Personal }).Count | Should -Be 3
        $items | ForEach-Object { $_.Url | Should -BeLike "http://127.0.0.1:*/$($script:Emulator.Workspace)/*" }
        ($items | Select-Object -First 1).OwnerEmail | Should -Be $script:Scene.Leaver.userName
    }

    It 'takes owners from the pipeline by UserName, and reports an unknown one as ModeScim.AccountNotFound' {
        $errors = Get-ErrorRecords { [pscustomobject]@{ UserName = 'nobody@example.com' }, [pscustomobject]@{ UserName = $script:Scene.Leaver.userName } | Get-ModeContent -Kind Report }

        $errors.FullyQualifiedErrorId | Should -BeLike 'ModeScim.AccountNotFound*'
        $errors[0].TargetObject | Should -Be 'nobody@example.com'
        @([pscustomobject]@{ UserName = $script:Scene.Leaver.userName } | Get-ModeContent -Kind Report).Count | Should -Be 4
    }
}
