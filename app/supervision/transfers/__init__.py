"""Transfer between offices (pindah wilayah bimbingan): rules, commands, the read side."""
