/* iframe-worker 1.0.4 frame set-up (MIT, Copyright (c) 2020-2022 Martin Donath; see
   iframe-worker.LICENSE), moved out of the shim's inline script for SQMS: inside the
   hidden frame, the worker's postMessage goes to the page, importScripts loads
   scripts in order, and errors are passed up naming the worker's URL. The element
   removes itself: the search worker finds its own URL as the frame's first script. */
"use strict";(()=>{var c=document.currentScript,u=c.getAttribute("data-worker");c.remove();self.postMessage=function(s,n){parent.postMessage(s,n||"*")};self.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};addEventListener("error",({error:e})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:u,error:e}))})})();
