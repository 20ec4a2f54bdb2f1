;; Matrix-product kernels in WebAssembly SIMD (128-bit), the source of gemm.wasm; at the end, the
;; float32 optimizer updates (lib/kernels/update-wasm.ts).
;; Build: npm run build:wasm (scripts/build-wasm.js assembles this file with the wabt package);
;; tests/perf/wasm-artifact.test.ts checks that the committed gemm.wasm is this file assembled.
;;
;; C (n×m) = A (n×k) · B (k×m), with both operands already packed by the caller
;; (lib/kernels/gemm-wasm.ts), GotoBLAS style:
;;   A in micro-panels of MR = 4 rows: panel i/4 starts at element i·k and holds, for each p in
;;     0..k-1, the 4 values A[i..i+3, p] side by side;
;;   B in micro-panels of NR columns (4 for float64, 8 for float32): panel j/NR starts at element
;;     j·k and holds, for each p, the NR values B[p, j..j+NR-1];
;;   C row-major with m columns; n is a multiple of 4 and m of NR (the caller pads with zeros).
;; The micro-kernel keeps a 4×NR tile of C in 8 vector registers, so each step over p loads two
;; vectors of B and four broadcast values of A for 16 multiply-adds. The loops around it cut k into
;; blocks of KC = 256 and the rows into blocks of MC = 64, so a B micro-panel (KC×NR) stays in L1
;; and a block of A panels (MC×KC) in L2 while they are reused. A call may cover only some rows of
;; C (a thread's share): `a` and `c` then point at its first A panel and C row, `n` is its row count.
(module
  ;; Shared memory, so that worker threads run the same kernels on other rows of C in place
  ;; (lib/kernels/gemm-threads.ts); up to 4 GiB.
  (import "env" "memory" (memory 1 65536 shared))

  ;; 4×4 float64 tile: C[r, 0..3] (+)= Σ_p A[r, p] · B[p, 0..3] over kc steps.
  (func $tile_f64 (param $ap i32) (param $bp i32) (param $cp i32) (param $kc i32) (param $ldc i32) (param $store i32)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $p
      (local.set $b0 (v128.load offset=0 (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $a (v128.load64_splat offset=0 (local.get $ap)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=8 (local.get $ap)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=16 (local.get $ap)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=24 (local.get $ap)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
      (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
      (br_if $p (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    ;; Into C, one row of 4 values (two vectors) at a time: the first block of k ($store) writes
    ;; the tile, so C needs no clearing beforehand; later blocks add to it.
    (if (local.get $store)
      (then
        (v128.store offset=0 (local.get $cp) (local.get $c00))
        (v128.store offset=16 (local.get $cp) (local.get $c01))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c10))
        (v128.store offset=16 (local.get $cp) (local.get $c11))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c20))
        (v128.store offset=16 (local.get $cp) (local.get $c21))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c30))
        (v128.store offset=16 (local.get $cp) (local.get $c31))
      )
      (else
        (v128.store offset=0 (local.get $cp) (f64x2.add (v128.load offset=0 (local.get $cp)) (local.get $c00)))
        (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c01)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f64x2.add (v128.load offset=0 (local.get $cp)) (local.get $c10)))
        (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c11)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f64x2.add (v128.load offset=0 (local.get $cp)) (local.get $c20)))
        (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c21)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f64x2.add (v128.load offset=0 (local.get $cp)) (local.get $c30)))
        (v128.store offset=16 (local.get $cp) (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c31)))
      )))

  ;; 4×8 float32 tile: the same with four lanes per vector.
  (func $tile_f32 (param $ap i32) (param $bp i32) (param $cp i32) (param $kc i32) (param $ldc i32) (param $store i32)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $p
      (local.set $b0 (v128.load offset=0 (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $a (v128.load32_splat offset=0 (local.get $ap)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=4 (local.get $ap)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=8 (local.get $ap)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=12 (local.get $ap)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
      (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
      (br_if $p (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    ;; the first block of k stores the tile (C need not be cleared), later ones add to it
    (if (local.get $store)
      (then
        (v128.store offset=0 (local.get $cp) (local.get $c00))
        (v128.store offset=16 (local.get $cp) (local.get $c01))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c10))
        (v128.store offset=16 (local.get $cp) (local.get $c11))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c20))
        (v128.store offset=16 (local.get $cp) (local.get $c21))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (local.get $c30))
        (v128.store offset=16 (local.get $cp) (local.get $c31))
      )
      (else
        (v128.store offset=0 (local.get $cp) (f32x4.add (v128.load offset=0 (local.get $cp)) (local.get $c00)))
        (v128.store offset=16 (local.get $cp) (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c01)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f32x4.add (v128.load offset=0 (local.get $cp)) (local.get $c10)))
        (v128.store offset=16 (local.get $cp) (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c11)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f32x4.add (v128.load offset=0 (local.get $cp)) (local.get $c20)))
        (v128.store offset=16 (local.get $cp) (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c21)))
        (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
        (v128.store offset=0 (local.get $cp) (f32x4.add (v128.load offset=0 (local.get $cp)) (local.get $c30)))
        (v128.store offset=16 (local.get $cp) (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c31)))
      )))

  ;; The blocked loops around a tile. $size is the element size in bytes (8 or 4), $nr the tile
  ;; width; $f32 picks the tile. All offsets are in bytes.
  (func $gemm (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $k i32) (param $m i32)
    (param $size i32) (param $nr i32) (param $f32 i32)
    (local $pc i32) (local $kc i32) (local $ic i32) (local $icEnd i32) (local $jr i32) (local $ir i32)
    (local $bp i32) (local $ldc i32)
    (local.set $ldc (i32.mul (local.get $m) (local.get $size)))
    (block $donePc (loop $loopPc
      (br_if $donePc (i32.ge_u (local.get $pc) (local.get $k)))
      (local.set $kc (select (i32.const 256) (i32.sub (local.get $k) (local.get $pc))
        (i32.lt_u (i32.const 256) (i32.sub (local.get $k) (local.get $pc)))))
      (local.set $ic (i32.const 0))
      (block $doneIc (loop $loopIc
        (br_if $doneIc (i32.ge_u (local.get $ic) (local.get $n)))
        (local.set $icEnd (select (i32.add (local.get $ic) (i32.const 64)) (local.get $n)
          (i32.lt_u (i32.add (local.get $ic) (i32.const 64)) (local.get $n))))
        (local.set $jr (i32.const 0))
        (block $doneJr (loop $loopJr
          (br_if $doneJr (i32.ge_u (local.get $jr) (local.get $m)))
          ;; B panel jr/NR at element jr·k, then pc rows of NR values in
          (local.set $bp (i32.add (local.get $b) (i32.mul (local.get $size)
            (i32.add (i32.mul (local.get $jr) (local.get $k)) (i32.mul (local.get $pc) (local.get $nr))))))
          (local.set $ir (local.get $ic))
          (block $doneIr (loop $loopIr
            (br_if $doneIr (i32.ge_u (local.get $ir) (local.get $icEnd)))
            (if (local.get $f32)
              (then (call $tile_f32
                (i32.add (local.get $a) (i32.mul (local.get $size)
                  (i32.add (i32.mul (local.get $ir) (local.get $k)) (i32.mul (local.get $pc) (i32.const 4)))))
                (local.get $bp)
                (i32.add (local.get $c) (i32.mul (local.get $size)
                  (i32.add (i32.mul (local.get $ir) (local.get $m)) (local.get $jr))))
                (local.get $kc) (local.get $ldc) (i32.eqz (local.get $pc))))
              (else (call $tile_f64
                (i32.add (local.get $a) (i32.mul (local.get $size)
                  (i32.add (i32.mul (local.get $ir) (local.get $k)) (i32.mul (local.get $pc) (i32.const 4)))))
                (local.get $bp)
                (i32.add (local.get $c) (i32.mul (local.get $size)
                  (i32.add (i32.mul (local.get $ir) (local.get $m)) (local.get $jr))))
                (local.get $kc) (local.get $ldc) (i32.eqz (local.get $pc)))))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $loopIr)))
          (local.set $jr (i32.add (local.get $jr) (local.get $nr)))
          (br $loopJr)))
        (local.set $ic (local.get $icEnd))
        (br $loopIc)))
      (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
      (br $loopPc))))

  (func (export "gemm_f64") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $k i32) (param $m i32)
    (call $gemm (local.get $a) (local.get $b) (local.get $c) (local.get $n) (local.get $k) (local.get $m)
      (i32.const 8) (i32.const 4) (i32.const 0)))

  (func (export "gemm_f32") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $k i32) (param $m i32)
    (call $gemm (local.get $a) (local.get $b) (local.get $c) (local.get $n) (local.get $k) (local.get $m)
      (i32.const 4) (i32.const 8) (i32.const 1)))

  ;; Packing from a copy of the operand in this memory, where the values of one micro-panel row are
  ;; neighbours: a row-major B (NR values of row p) or a transposed A (the 4 rows' values at column
  ;; p). For panel j < $panels and p < $count, copies $chunk bytes (16 or 32) from
  ;; src + p·ld + j·chunk to dst, then dst moves on by chunk: dst ends up holding the panels one
  ;; after another, p-major inside each, as the micro-kernels read them. $count is at least 1.
  (func (export "pack_panels") (param $src i32) (param $ld i32) (param $dst i32) (param $count i32)
    (param $panels i32) (param $chunk i32)
    (local $j i32) (local $p i32) (local $s i32)
    (block $done (loop $panel
      (br_if $done (i32.ge_u (local.get $j) (local.get $panels)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $chunk))))
      (local.set $p (local.get $count))
      (if (i32.eq (local.get $chunk) (i32.const 32))
        (then (loop $row32
          (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $s)))
          (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $s (i32.add (local.get $s) (local.get $ld)))
          (br_if $row32 (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
        (else (loop $row16
          (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $s)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (local.set $s (i32.add (local.get $s) (local.get $ld)))
          (br_if $row16 (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $panel))))

  ;; Packing A from a row-major copy of it in this memory: panel i takes rows 4i..4i+3 (at
  ;; src + (4i + r)·ld) and holds, for each column p < $count, their 4 values side by side. SIMD
  ;; shuffles transpose 4 rows × 2 columns (float64) or 4 × 4 (float32) at a time. $size is 8 or 4.
  (func (export "pack_rows") (param $src i32) (param $ld i32) (param $dst i32) (param $count i32)
    (param $panels i32) (param $size i32)
    (local $i i32) (local $p i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (block $done (loop $panel
      (br_if $done (i32.ge_u (local.get $i) (local.get $panels)))
      (local.set $s0 (i32.add (local.get $src) (i32.mul (i32.shl (local.get $i) (i32.const 2)) (local.get $ld))))
      (local.set $s1 (i32.add (local.get $s0) (local.get $ld)))
      (local.set $s2 (i32.add (local.get $s1) (local.get $ld)))
      (local.set $s3 (i32.add (local.get $s2) (local.get $ld)))
      (local.set $p (i32.const 0))
      (if (i32.eq (local.get $size) (i32.const 8))
        (then
          ;; two columns at a time: r = [A[r, p], A[r, p+1]]
          (block $pairsDone (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $count)))
            (local.set $r0 (v128.load (local.get $s0)))
            (local.set $r1 (v128.load (local.get $s1)))
            (local.set $r2 (v128.load (local.get $s2)))
            (local.set $r3 (v128.load (local.get $s3)))
            (v128.store offset=0 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
            (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r2) (local.get $r3)))
            (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
            (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r2) (local.get $r3)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
            (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
            (local.set $s2 (i32.add (local.get $s2) (i32.const 16)))
            (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $pairs)))
          ;; an odd last column
          (if (i32.lt_u (local.get $p) (local.get $count))
            (then
              (f64.store offset=0 (local.get $dst) (f64.load (local.get $s0)))
              (f64.store offset=8 (local.get $dst) (f64.load (local.get $s1)))
              (f64.store offset=16 (local.get $dst) (f64.load (local.get $s2)))
              (f64.store offset=24 (local.get $dst) (f64.load (local.get $s3)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32))))))
        (else
          ;; four columns at a time: a 4×4 transpose in two rounds of shuffles
          (block $quadsDone (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $count)))
            (local.set $r0 (v128.load (local.get $s0)))
            (local.set $r1 (v128.load (local.get $s1)))
            (local.set $r2 (v128.load (local.get $s2)))
            (local.set $r3 (v128.load (local.get $s3)))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
            (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
            (v128.store offset=0 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
            (v128.store offset=16 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
            (v128.store offset=32 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
            (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
            (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
            (local.set $s2 (i32.add (local.get $s2) (i32.const 16)))
            (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $quads)))
          ;; the last columns one at a time
          (block $restDone (loop $rest
            (br_if $restDone (i32.ge_u (local.get $p) (local.get $count)))
            (f32.store offset=0 (local.get $dst) (f32.load (local.get $s0)))
            (f32.store offset=4 (local.get $dst) (f32.load (local.get $s1)))
            (f32.store offset=8 (local.get $dst) (f32.load (local.get $s2)))
            (f32.store offset=12 (local.get $dst) (f32.load (local.get $s3)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $s0 (i32.add (local.get $s0) (i32.const 4)))
            (local.set $s1 (i32.add (local.get $s1) (i32.const 4)))
            (local.set $s2 (i32.add (local.get $s2) (i32.const 4)))
            (local.set $s3 (i32.add (local.get $s3) (i32.const 4)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rest)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $panel))))

  ;; ---- One-pass optimizer updates in float32 -------------------------------------------------
  ;; The rules of lib/optim/fused.ts, four values at a time. float32 SIMD arithmetic is IEEE single
  ;; precision, rounded after every operation just as the JS loops round with Math.fround, so both
  ;; give the same bits. w (the parameter), g (its gradient) and the state vectors s0, s1 hold n
  ;; float32 values each at byte offsets (n a multiple of 4: the caller pads a copy, or runs the last
  ;; values of a resident array in JS); w and the state are
  ;; updated in place. Constants are float32, in the order fused.ts gives them. Decaying state
  ;; below 2^-126 in magnitude (subnormal) becomes a zero of its sign, as fused.ts explains.

  ;; SGD. $flags: 1 momentum, 2 Nesterov, 4 weight decay, 8 first step (the velocity starts at g).
  (func (export "sgd_f32") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f32) (param $mu f32) (param $wd f32) (param $flags i32)
    (local $end i32) (local $gi v128) (local $v v128) (local $LR v128) (local $MU v128) (local $WD v128)
    (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f32x4.splat (f32.const 0x1p-126)))
    (local.set $SIGN (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $MU (f32x4.splat (local.get $mu)))
    (local.set $WD (f32x4.splat (local.get $wd)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then (local.set $gi (f32x4.add (local.get $gi) (f32x4.mul (v128.load (local.get $w)) (local.get $WD))))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (if (i32.and (local.get $flags) (i32.const 8))
              (then (local.set $v (local.get $gi)))
              (else (local.set $v (f32x4.add (f32x4.mul (v128.load (local.get $s0)) (local.get $MU)) (local.get $gi)))))
            (local.set $v (v128.bitselect (v128.and (local.get $v) (local.get $SIGN)) (local.get $v)
              (f32x4.lt (f32x4.abs (local.get $v)) (local.get $TINY))))
            (v128.store (local.get $s0) (local.get $v))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then (local.set $gi (f32x4.add (local.get $gi) (f32x4.mul (local.get $v) (local.get $MU)))))
              (else (local.set $gi (local.get $v))))))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w)) (f32x4.mul (local.get $gi) (local.get $LR))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; AdaGrad: s0 = G, the sum of squared gradients.
  (func (export "adagrad_f32") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f32) (param $eps f32)
    (local $end i32) (local $gi v128) (local $G v128) (local $LR v128) (local $EPS v128)
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (local.set $G (f32x4.add (v128.load (local.get $s0)) (f32x4.mul (local.get $gi) (local.get $gi))))
        (v128.store (local.get $s0) (local.get $G))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w))
          (f32x4.div (f32x4.mul (local.get $gi) (local.get $LR)) (f32x4.add (f32x4.sqrt (local.get $G)) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; RMSprop: s0 = the running mean of squared gradients; $oma = 1 - alpha.
  (func (export "rmsprop_f32") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f32) (param $alpha f32) (param $oma f32) (param $eps f32)
    (local $end i32) (local $gi v128) (local $s v128) (local $LR v128) (local $AL v128) (local $OMA v128) (local $EPS v128)
    (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f32x4.splat (f32.const 0x1p-126)))
    (local.set $SIGN (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $AL (f32x4.splat (local.get $alpha)))
    (local.set $OMA (f32x4.splat (local.get $oma)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (local.set $s (f32x4.add (f32x4.mul (v128.load (local.get $s0)) (local.get $AL))
          (f32x4.mul (f32x4.mul (local.get $gi) (local.get $gi)) (local.get $OMA))))
        (local.set $s (v128.bitselect (v128.and (local.get $s) (local.get $SIGN)) (local.get $s)
          (f32x4.lt (f32x4.abs (local.get $s)) (local.get $TINY))))
        (v128.store (local.get $s0) (local.get $s))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w))
          (f32x4.div (f32x4.mul (local.get $gi) (local.get $LR)) (f32x4.add (f32x4.sqrt (local.get $s)) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; Adam: s0 = m, s1 = v; $omb1 = 1 - beta1, $omb2 = 1 - beta2, $bc1 = 1 - beta1^t,
  ;; $bc2 = 1 - beta2^t. $flags: 4 weight decay (g + wd·w).
  (func (export "adam_f32") (param $w i32) (param $g i32) (param $s0 i32) (param $s1 i32) (param $n i32)
      (param $lr f32) (param $b1 f32) (param $omb1 f32) (param $b2 f32) (param $omb2 f32)
      (param $bc1 f32) (param $bc2 f32) (param $eps f32) (param $wd f32) (param $flags i32)
    (local $end i32) (local $gi v128) (local $m v128) (local $v v128)
    (local $LR v128) (local $B1 v128) (local $OMB1 v128) (local $B2 v128) (local $OMB2 v128)
    (local $BC1 v128) (local $BC2 v128) (local $EPS v128) (local $WD v128) (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f32x4.splat (f32.const 0x1p-126)))
    (local.set $SIGN (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
    (local.set $LR (f32x4.splat (local.get $lr)))
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $OMB1 (f32x4.splat (local.get $omb1)))
    (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $OMB2 (f32x4.splat (local.get $omb2)))
    (local.set $BC1 (f32x4.splat (local.get $bc1)))
    (local.set $BC2 (f32x4.splat (local.get $bc2)))
    (local.set $EPS (f32x4.splat (local.get $eps)))
    (local.set $WD (f32x4.splat (local.get $wd)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then (local.set $gi (f32x4.add (local.get $gi) (f32x4.mul (v128.load (local.get $w)) (local.get $WD))))))
        (local.set $m (f32x4.add (f32x4.mul (v128.load (local.get $s0)) (local.get $B1)) (f32x4.mul (local.get $gi) (local.get $OMB1))))
        (local.set $v (f32x4.add (f32x4.mul (v128.load (local.get $s1)) (local.get $B2))
          (f32x4.mul (f32x4.mul (local.get $gi) (local.get $gi)) (local.get $OMB2))))
        (local.set $m (v128.bitselect (v128.and (local.get $m) (local.get $SIGN)) (local.get $m)
          (f32x4.lt (f32x4.abs (local.get $m)) (local.get $TINY))))
        (local.set $v (v128.bitselect (v128.and (local.get $v) (local.get $SIGN)) (local.get $v)
          (f32x4.lt (f32x4.abs (local.get $v)) (local.get $TINY))))
        (v128.store (local.get $s0) (local.get $m))
        (v128.store (local.get $s1) (local.get $v))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w))
          (f32x4.div (f32x4.mul (f32x4.div (local.get $m) (local.get $BC1)) (local.get $LR))
            (f32x4.add (f32x4.sqrt (f32x4.div (local.get $v) (local.get $BC2))) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
        (br $next))))

  ;; ---- The same updates in float64 (two values per vector), for resident arrays -------------
  ;; Here w and the state are resident arrays (lib/kernels/resident.ts) updated where they are, and
  ;; n is a multiple of 2 (the caller runs the last value, if any, in JS). Decaying state below
  ;; 2^-1022 in magnitude becomes a zero of its sign.

  ;; SGD. $flags: 1 momentum, 2 Nesterov, 4 weight decay, 8 first step (the velocity starts at g).
  (func (export "sgd_f64") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f64) (param $mu f64) (param $wd f64) (param $flags i32)
    (local $end i32) (local $gi v128) (local $v v128) (local $LR v128) (local $MU v128) (local $WD v128)
    (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f64x2.splat (f64.const 0x1p-1022)))
    (local.set $SIGN (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $LR (f64x2.splat (local.get $lr)))
    (local.set $MU (f64x2.splat (local.get $mu)))
    (local.set $WD (f64x2.splat (local.get $wd)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then (local.set $gi (f64x2.add (local.get $gi) (f64x2.mul (v128.load (local.get $w)) (local.get $WD))))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (if (i32.and (local.get $flags) (i32.const 8))
              (then (local.set $v (local.get $gi)))
              (else (local.set $v (f64x2.add (f64x2.mul (v128.load (local.get $s0)) (local.get $MU)) (local.get $gi)))))
            (local.set $v (v128.bitselect (v128.and (local.get $v) (local.get $SIGN)) (local.get $v)
              (f64x2.lt (f64x2.abs (local.get $v)) (local.get $TINY))))
            (v128.store (local.get $s0) (local.get $v))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then (local.set $gi (f64x2.add (local.get $gi) (f64x2.mul (local.get $v) (local.get $MU)))))
              (else (local.set $gi (local.get $v))))))
        (v128.store (local.get $w) (f64x2.sub (v128.load (local.get $w)) (f64x2.mul (local.get $gi) (local.get $LR))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; AdaGrad: s0 = G, the sum of squared gradients.
  (func (export "adagrad_f64") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f64) (param $eps f64)
    (local $end i32) (local $gi v128) (local $G v128) (local $LR v128) (local $EPS v128)
    (local.set $LR (f64x2.splat (local.get $lr)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (local.set $G (f64x2.add (v128.load (local.get $s0)) (f64x2.mul (local.get $gi) (local.get $gi))))
        (v128.store (local.get $s0) (local.get $G))
        (v128.store (local.get $w) (f64x2.sub (v128.load (local.get $w))
          (f64x2.div (f64x2.mul (local.get $gi) (local.get $LR)) (f64x2.add (f64x2.sqrt (local.get $G)) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; RMSprop: s0 = the running mean of squared gradients; $oma = 1 - alpha.
  (func (export "rmsprop_f64") (param $w i32) (param $g i32) (param $s0 i32) (param $n i32)
      (param $lr f64) (param $alpha f64) (param $oma f64) (param $eps f64)
    (local $end i32) (local $gi v128) (local $s v128) (local $LR v128) (local $AL v128) (local $OMA v128) (local $EPS v128)
    (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f64x2.splat (f64.const 0x1p-1022)))
    (local.set $SIGN (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $LR (f64x2.splat (local.get $lr)))
    (local.set $AL (f64x2.splat (local.get $alpha)))
    (local.set $OMA (f64x2.splat (local.get $oma)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (local.set $s (f64x2.add (f64x2.mul (v128.load (local.get $s0)) (local.get $AL))
          (f64x2.mul (f64x2.mul (local.get $gi) (local.get $gi)) (local.get $OMA))))
        (local.set $s (v128.bitselect (v128.and (local.get $s) (local.get $SIGN)) (local.get $s)
          (f64x2.lt (f64x2.abs (local.get $s)) (local.get $TINY))))
        (v128.store (local.get $s0) (local.get $s))
        (v128.store (local.get $w) (f64x2.sub (v128.load (local.get $w))
          (f64x2.div (f64x2.mul (local.get $gi) (local.get $LR)) (f64x2.add (f64x2.sqrt (local.get $s)) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (br $next))))

  ;; Adam: s0 = m, s1 = v; $omb1 = 1 - beta1, $omb2 = 1 - beta2, $bc1 = 1 - beta1^t,
  ;; $bc2 = 1 - beta2^t. $flags: 4 weight decay (g + wd·w).
  (func (export "adam_f64") (param $w i32) (param $g i32) (param $s0 i32) (param $s1 i32) (param $n i32)
      (param $lr f64) (param $b1 f64) (param $omb1 f64) (param $b2 f64) (param $omb2 f64)
      (param $bc1 f64) (param $bc2 f64) (param $eps f64) (param $wd f64) (param $flags i32)
    (local $end i32) (local $gi v128) (local $m v128) (local $v v128)
    (local $LR v128) (local $B1 v128) (local $OMB1 v128) (local $B2 v128) (local $OMB2 v128)
    (local $BC1 v128) (local $BC2 v128) (local $EPS v128) (local $WD v128) (local $TINY v128) (local $SIGN v128)
    (local.set $TINY (f64x2.splat (f64.const 0x1p-1022)))
    (local.set $SIGN (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $LR (f64x2.splat (local.get $lr)))
    (local.set $B1 (f64x2.splat (local.get $b1)))
    (local.set $OMB1 (f64x2.splat (local.get $omb1)))
    (local.set $B2 (f64x2.splat (local.get $b2)))
    (local.set $OMB2 (f64x2.splat (local.get $omb2)))
    (local.set $BC1 (f64x2.splat (local.get $bc1)))
    (local.set $BC2 (f64x2.splat (local.get $bc2)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $WD (f64x2.splat (local.get $wd)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gi (v128.load (local.get $g)))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then (local.set $gi (f64x2.add (local.get $gi) (f64x2.mul (v128.load (local.get $w)) (local.get $WD))))))
        (local.set $m (f64x2.add (f64x2.mul (v128.load (local.get $s0)) (local.get $B1)) (f64x2.mul (local.get $gi) (local.get $OMB1))))
        (local.set $v (f64x2.add (f64x2.mul (v128.load (local.get $s1)) (local.get $B2))
          (f64x2.mul (f64x2.mul (local.get $gi) (local.get $gi)) (local.get $OMB2))))
        (local.set $m (v128.bitselect (v128.and (local.get $m) (local.get $SIGN)) (local.get $m)
          (f64x2.lt (f64x2.abs (local.get $m)) (local.get $TINY))))
        (local.set $v (v128.bitselect (v128.and (local.get $v) (local.get $SIGN)) (local.get $v)
          (f64x2.lt (f64x2.abs (local.get $v)) (local.get $TINY))))
        (v128.store (local.get $s0) (local.get $m))
        (v128.store (local.get $s1) (local.get $v))
        (v128.store (local.get $w) (f64x2.sub (v128.load (local.get $w))
          (f64x2.div (f64x2.mul (f64x2.div (local.get $m) (local.get $BC1)) (local.get $LR))
            (f64x2.add (f64x2.sqrt (f64x2.div (local.get $v) (local.get $BC2))) (local.get $EPS)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
        (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
        (br $next))))

  ;; ---- ReLU, forward and backward ---------------------------------------------------------------
  ;; Branch-free, four float32 or two float64 values at a time: the JS loops branch on the sign of
  ;; each value, which a CPU cannot predict for activations of random sign (about 6 ns a value).
  ;; Forward, NumPy's maximum(x, 0): x where x > 0 or x is NaN, else +0. Backward (PyTorch's
  ;; threshold_backward): 0 where x <= 0, else g (NaN x passes g on). n values at byte offsets;
  ;; n a multiple of the lanes (the caller pads its copies).
  (func (export "relu_f32") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out) (v128.and (local.get $v)
          (v128.or (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)) (f32x4.ne (local.get $v) (local.get $v)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  (func (export "relu_f64") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out) (v128.and (local.get $v)
          (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (f64x2.ne (local.get $v) (local.get $v)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  (func (export "relu_backward_f32") (param $x i32) (param $g i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $out) (v128.andnot (v128.load (local.get $g))
          (f32x4.le (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  (func (export "relu_backward_f64") (param $x i32) (param $g i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $out) (v128.andnot (v128.load (local.get $g))
          (f64x2.le (v128.load (local.get $x)) (v128.const f64x2 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))
)
