# -ThrottleLimit 1 means one item after another, in input order: a free slot goes to the work scheduled first (reads as
# input is taken, sends as items are decided), never to whichever thread asked first. With a latency that varies from
# request to request, the request log shows the changes in exactly the input's order. (Before the ordered throttle, a
# run of this file caught the requests out of order about one time in five; the race needs many items to show.)
# Through a real pwsh against a real sandbox process; the file owns its sandbox (faults).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 400
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe '-ThrottleLimit 1 keeps input order' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 400
        $null = Connect-TallyfySandbox $sb
        Set-TallyfySandboxFault $sb -Fault @{ latencyMs = 2; latencyJitterMs = 40 } | Out-Null
    }

    It 'archives runs in the order they were given' {
        $ids = @(Get-TallyfyRun -Status active -First 100 | Select-Object -ExpandProperty Id)
        [array]::Reverse($ids)   # not the order the service lists them in
        $seq = LastSeq
        $out = @($ids | Remove-TallyfyRun -Force -ThrottleLimit 1)
        $out.Status | Sort-Object -Unique | Should -Be 'Archived'
        $sent = @(Mutations $seq | ForEach-Object { RunIdOf $_.path })
        $sent | Should -Be $ids
    }

    It 'updates runs it reads first in the order they were given' {
        $runs = @(Get-TallyfyRun -Status complete -First 60)
        $order = @($runs | Sort-Object Name -Descending)
        $seq = LastSeq
        $out = @($order | Set-TallyfyRun -Starred -Force -ThrottleLimit 1)
        $out.Count | Should -Be 60
        $sent = @(Mutations $seq | ForEach-Object { RunIdOf $_.path })
        $sent | Should -Be @($order.Id)
    }
}
